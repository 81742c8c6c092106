import { useI18n } from '../i18n/context.ts';
import { formatWaiting, LONG_WAIT_MS } from '../state/waiting.ts';
import { useNow } from './useNow.ts';

/** How long the visitor has waited for a reply, ticking every second; nothing when nobody waits. */
export function WaitingTimer({ since }: { since: number | null }) {
  const { t } = useI18n();
  const now = useNow(1_000);
  if (since === null) return null;
  const elapsed = now - since;
  return (
    <span class={elapsed >= LONG_WAIT_MS ? 'waiting long' : 'waiting'} data-part="waiting" data-since={since}>
      <span class="waiting-label">{t('conversation.waiting')}</span>{' '}
      <time class="waiting-time" dateTime={`PT${Math.max(0, Math.floor(elapsed / 1_000))}S`}>
        {formatWaiting(elapsed)}
      </time>
    </span>
  );
}
