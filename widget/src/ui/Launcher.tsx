import type { Ref } from 'preact';
import { t } from './translation.ts';

interface LauncherProps {
  open: boolean;
  unread: number;
  panelId: string;
  buttonRef: Ref<HTMLButtonElement>;
  onToggle(): void;
  onEscape(): void;
}

/** The round button that opens and closes the panel, with the unread badge. */
export function Launcher({ open, unread, panelId, buttonRef, onToggle, onEscape }: LauncherProps) {
  const label = open ? t('launcherClose') : t('launcherOpen');
  return (
    <button
      ref={buttonRef}
      type="button"
      class="launcher"
      data-part="launcher"
      aria-label={unread > 0 ? `${label} (${t('unreadCount', { count: unread })})` : label}
      aria-expanded={open}
      aria-controls={panelId}
      onClick={onToggle}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) onEscape();
      }}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true">
        {open ? (
          // Two rounded strokes: the same cross as a filled outline, in a third of the bytes.
          <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2.8" stroke-linecap="round" />
        ) : (
          <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z" />
        )}
      </svg>
      {unread > 0 && (
        <span class="unread" data-part="unread" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </button>
  );
}
