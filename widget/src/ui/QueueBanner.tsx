import type { QueueInfo } from '@mostrador/shared';
import type { Translate } from '../i18n/catalogue.ts';
import { t } from './translation.ts';

/** The server's estimate is rough: whole minutes (whole hours from 90 min), and no false precision under one. */
export function waitText(seconds: number, t: Translate): string {
  if (seconds < 60) return t('waitShort');
  return seconds < 5400 ? t('waitMinutes', { count: Math.round(seconds / 60) }) : t('waitHours', { count: Math.round(seconds / 3600) });
}

/**
 * "You are number 3 in line · about 2 min", while the conversation waits for
 * an agent. A status region, so screen readers hear each new position
 * without losing what they were reading.
 */
export function QueueBanner({ queue }: { queue: QueueInfo }) {
  return (
    <div class="queue" data-part="queue" data-position={queue.position} role="status">
      {`${t(queue.allBusy ? 'allBusy' : 'queuePosition', { position: queue.position })} · ${waitText(queue.estimatedWaitSeconds, t)}`}
    </div>
  );
}
