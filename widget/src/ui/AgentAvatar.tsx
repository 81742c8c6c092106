import { useState } from 'preact/hooks';

/**
 * Pictures are paths on the chat server (`/avatars/<id>`). This module is in
 * the panel chunk, which is itself served by the chat server, so its own URL
 * says where that is: widget.js needs to pass nothing.
 */
export function pictureUrl(path: string, base: string = import.meta.url): string {
  return new URL(path, base).href;
}

interface AgentAvatarProps {
  /** The agent's picture path, if they have one. */
  picture?: string | null | undefined;
  /** What shows without a picture, or when it fails to load: initials. */
  initials: string;
  /** Empty when the name is written beside the picture; else the name. */
  alt: string;
}

/** An agent's picture, or their initials when there is none or it does not load. */
export function AgentAvatar({ picture, initials, alt }: AgentAvatarProps) {
  const [failed, setFailed] = useState<string | null>(null);
  if (picture && failed !== picture) {
    return <img class="avatar" data-part="avatar-picture" src={pictureUrl(picture)} alt={alt} onError={() => setFailed(picture)} />;
  }
  return (
    <span class="avatar" aria-hidden="true">
      {initials}
    </span>
  );
}
