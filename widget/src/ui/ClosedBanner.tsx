import { t } from './translation.ts';

/**
 * "We're closed. Back Monday 09:00 (your time)": the opening in the shopper's
 * own time zone (the browser's) and the widget's language.
 */
export function ClosedBanner({ opensAt }: { opensAt: number | null }) {
  const when =
    opensAt !== null && new Intl.DateTimeFormat(t('locale'), { weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(opensAt);
  return (
    <div class="queue" data-part="closed" role="status">
      {when ? t('closedUntil', { when }) : t('closedNow')}
    </div>
  );
}
