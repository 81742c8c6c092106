import type { ComponentChildren } from 'preact';
import { safeHref } from './format.ts';

interface ExternalLinkProps {
  url: string;
  class?: string;
  children: ComponentChildren;
}

/** A shop page, opened in a new tab without giving it a handle on the console; plain text unless http(s). */
export function ExternalLink({ url, class: className, children }: ExternalLinkProps) {
  const href = safeHref(url);
  if (href === null) return <span class={className}>{children}</span>;
  return (
    <a class={className} href={href} target="_blank" rel="noopener noreferrer" title={href}>
      {children}
    </a>
  );
}
