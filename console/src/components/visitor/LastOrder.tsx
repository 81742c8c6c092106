import type { LastOrder as Order } from '@mostrador/shared';
import { useI18n } from '../../i18n/context.ts';
import { formatFullTime, formatRelativeTime } from '../time.ts';
import { useMinuteClock } from '../useMinuteClock.ts';
import { formatMoney, orderNumberText } from './format.ts';

/** The visitor's newest purchase in a line, "Last order #T_12345 · €84.00 · 2 hr. ago": what "where is my order" is about. */
export function LastOrder({ order }: { order: Order | null }) {
  const { t, language } = useI18n();
  const now = useMinuteClock();
  if (!order) return null;
  const total = formatMoney(order.total, order.currency, language);
  const time = formatRelativeTime(order.at, now, language);
  const number = order.number === null ? '' : orderNumberText(order.number);
  return (
    <p class="last-order" data-part="last-order" title={formatFullTime(order.at, language)}>
      {number ? t('visitor.lastOrder', { number, total, time }) : t('visitor.lastOrderUnnumbered', { total, time })}
    </p>
  );
}
