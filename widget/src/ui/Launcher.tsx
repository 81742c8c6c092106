import type { Ref } from 'preact';
import { useTranslate } from './translation.ts';

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
  const t = useTranslate();
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
          <path d="M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 1 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z" />
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
