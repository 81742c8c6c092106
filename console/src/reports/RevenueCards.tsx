import type { RevenueFigure, RevenueReport } from '@mostrador/shared';
import { changeOf, GROUP_CHANGE } from '@mostrador/shared/reports';
import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../i18n/index.ts';
import { useI18n } from '../i18n/context.ts';
import { ChangeText, directionAttribute, MoneyChangeText } from './ChangeText.tsx';
import { formatMoney, formatPercent } from './format.ts';

interface Card {
  id: string;
  label: MessageKey;
  definition: MessageKey;
  value: string;
  detail: string;
  /** The change against the previous period, once it is read. */
  change?: ComponentChildren;
  direction?: string;
}

interface RevenueCardsProps {
  revenue: RevenueReport;
  /** The previous period's revenue, same filters and window, once read. */
  previous?: RevenueReport | undefined;
  /** Days of the period. */
  days: number;
}

/**
 * Purchases after chats beside the baseline of visitors who did not chat,
 * each card with its definition (and as its tooltip), under a plain warning
 * that this is correlation with a baseline, not proof.
 */
export function RevenueCards({ revenue, previous, days: periodDays }: RevenueCardsProps) {
  const { t, language } = useI18n();
  const none = t('reports.none');
  const days = revenue.attributionDays;
  const conversion = (side: 'chat' | 'baseline'): Pick<Card, 'change' | 'direction'> => {
    if (!previous) return {};
    const change = changeOf(revenue[side].conversionRate, previous[side].conversionRate, GROUP_CHANGE.conversionRate);
    return { change: <ChangeText change={change} days={periodDays} unit="points" />, direction: directionAttribute(change) };
  };
  const money = (side: 'chat' | 'baseline'): Pick<Card, 'change' | 'direction'> =>
    previous ? { change: <MoneyChangeText current={revenue[side].revenue} previous={previous[side].revenue} days={periodDays} /> } : {};
  const counts = (f: RevenueFigure) =>
    t('reports.convertedOf', { visitors: f.visitors, checkouts: f.checkouts, converted: f.converted, purchases: f.purchases });
  const percent = (f: RevenueFigure) => (f.conversionRate === null ? none : formatPercent(f.conversionRate, language));
  const cards: Card[] = [
    {
      id: 'chatConversion',
      label: 'reports.card.chatConversion',
      definition: 'reports.def.chatConversion',
      value: percent(revenue.chat),
      detail: counts(revenue.chat),
      ...conversion('chat'),
    },
    {
      id: 'baselineConversion',
      label: 'reports.card.baselineConversion',
      definition: 'reports.def.baselineConversion',
      value: percent(revenue.baseline),
      detail: counts(revenue.baseline),
      ...conversion('baseline'),
    },
    {
      id: 'chatRevenue',
      label: 'reports.card.chatRevenue',
      definition: 'reports.def.chatRevenue',
      value: formatMoney(revenue.chat.revenue, language, none),
      detail: counts(revenue.chat),
      ...money('chat'),
    },
    {
      id: 'baselineRevenue',
      label: 'reports.card.baselineRevenue',
      definition: 'reports.def.baselineRevenue',
      value: formatMoney(revenue.baseline.revenue, language, none),
      detail: counts(revenue.baseline),
      ...money('baseline'),
    },
  ];
  return (
    <section class="report-section report-revenue" aria-labelledby="report-revenue" title={t('reports.revenueCaveat')}>
      <h2 class="report-heading" id="report-revenue">
        {t('reports.revenue')}
      </h2>
      <p class="admin-note report-caveat">{t('reports.revenueCaveat')}</p>
      <dl class="report-cards">
        {cards.map((card) => (
          <div key={card.id} class="report-card" data-figure={card.id} title={t(card.definition, { days })}>
            <dt class="report-card-label">{t(card.label)}</dt>
            <dd class="report-card-value">{card.value}</dd>
            <dd class="report-card-detail">{card.detail}</dd>
            {card.change && (
              <dd class="report-card-change" data-direction={card.direction ?? 'none'}>
                {card.change}
              </dd>
            )}
            <dd class="report-card-definition">{t(card.definition, { days })}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
