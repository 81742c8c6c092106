import type { Invitation } from '../chat/chatView.ts';
import { t } from './translation.ts';

interface TeaserProps {
  /** The invitation to show, or null for none. */
  invitation: Invitation | null;
  onOpen(): void;
  onDismiss(): void;
}

/**
 * A trigger's invitation as a small bubble by the launcher: the message
 * (text, never HTML) opens the panel, the cross dismisses it, as does
 * Escape. The region is always there, so screen readers hear a teaser as it
 * appears, politely, without losing their place.
 */
export function Teaser({ invitation, onOpen, onDismiss }: TeaserProps) {
  return (
    <div class="teaser-region" aria-live="polite">
      {invitation && (
        <div
          class="teaser"
          data-part="teaser"
          onKeyDown={(event) => {
            if (event.key === 'Escape') onDismiss();
          }}
        >
          <button type="button" data-part="teaser-open" onClick={onOpen}>
            <span class="author">{invitation.name}</span>
            {invitation.body}
          </button>
          <button type="button" class="icon-button" data-part="teaser-close" aria-label={t('teaserDismiss')} onClick={onDismiss}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
    </div>
  );
}
