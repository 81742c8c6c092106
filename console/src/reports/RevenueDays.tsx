import type { RevenueReport, RevenueTally } from '@mostrador/shared';
import { useMemo } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import { DayChart } from './DayChart.tsx';

const amountIn = (tally: RevenueTally, currency: string) => tally.revenue.find((r) => r.currency === currency)?.amount ?? 0;

/**
 * Revenue after chats per day beside the baseline's, one chart per currency
 * (money is never converted nor added across currencies), each visitor on
 * the day their window opened, so the days sum to the cards' totals.
 */
export function RevenueDays({ revenue }: { revenue: RevenueReport }) {
  const { t, language } = useI18n();
  const charts = useMemo(() => {
    const { days } = revenue;
    const currencies = [...new Set([...revenue.chat.revenue, ...revenue.baseline.revenue].map((r) => r.currency))].sort();
    const count = (value: number) => value.toLocaleString(language);
    const dates = days.map((d) => d.date);
    return currencies.map((currency) => ({
      id: `revenue-${currency}`,
      title: t('reports.revenuePerDay', { currency }),
      definition: t('reports.def.revenuePerDay', { days: revenue.attributionDays, currency }),
      dates,
      scale: 'money' as const,
      format: (value: number) => new Intl.NumberFormat(language, { style: 'currency', currency }).format(value),
      lines: [
        { label: t('reports.col.chatRevenue'), values: days.map((d) => amountIn(d.chat, currency)) },
        { label: t('reports.col.baselineRevenue'), values: days.map((d) => amountIn(d.baseline, currency)) },
      ],
      columns: [
        { label: t('reports.col.chatVisitors'), values: days.map((d) => d.chat.visitors), format: count },
        { label: t('reports.col.chatConverted'), values: days.map((d) => d.chat.converted), format: count },
        { label: t('reports.col.baselineVisitors'), values: days.map((d) => d.baseline.visitors), format: count },
        { label: t('reports.col.baselineConverted'), values: days.map((d) => d.baseline.converted), format: count },
      ],
    }));
  }, [revenue, t, language]);
  if (charts.length === 0)
    return (
      <section class="report-section" aria-labelledby="report-revenue-days">
        <h2 class="report-heading" id="report-revenue-days">
          {t('reports.revenueDays')}
        </h2>
        <p class="admin-note">{t('reports.noPurchases')}</p>
      </section>
    );
  return (
    <>
      {charts.map((chart) => (
        <DayChart key={chart.id} {...chart} />
      ))}
    </>
  );
}
