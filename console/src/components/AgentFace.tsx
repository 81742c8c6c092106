import { initialsOf } from '@mostrador/shared/initials';
import { useState } from 'preact/hooks';

/**
 * An agent's picture beside their name (so its alt is empty), or their
 * initials when they have none or it fails to load.
 */
export function AgentFace({
  name,
  picture,
  size = 'small',
}: {
  name: string;
  picture?: string | null | undefined;
  size?: 'small' | 'large';
}) {
  const [failed, setFailed] = useState<string | null>(null);
  if (picture && failed !== picture) {
    return <img class={`agent-face ${size}`} data-part="agent-picture" src={picture} alt="" onError={() => setFailed(picture)} />;
  }
  return (
    <span class={`agent-face ${size}`} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
