import type { ReportDay } from '@mostrador/shared';
import { dayFiguresOf } from '@mostrador/shared/reports';
import { useMemo } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import { DayChart } from './DayChart.tsx';
import { formatDuration, formatPercent } from './format.ts';

/**
 * First response and CSAT per day, from the day rows (`dayFiguresOf`): a
 * day row holds sums, so a day's first response is its mean, and the
 * definition says so beside the cards' median.
 */
export function TrendCharts({ days }: { days: ReportDay[] }) {
  const { t, language } = useI18n();
  const charts = useMemo(() => {
    const figures = days.map(dayFiguresOf);
    const count = (value: number) => value.toLocaleString(language);
    const dates = days.map((d) => d.date);
    return [
      {
        id: 'frt-per-day',
        title: t('reports.frtPerDay'),
        definition: t('reports.def.frtPerDay'),
        dates,
        lines: [
          { label: t('reports.col.frtMean'), values: figures.map((f) => f.firstResponseMeanSeconds) },
          { label: t('reports.col.frtMeanBusiness'), values: figures.map((f) => f.firstResponseBusinessMeanSeconds) },
        ],
        columns: [{ label: t('reports.col.answered'), values: days.map((d) => d.answered), format: count }],
        scale: 'seconds' as const,
        format: (seconds: number) => formatDuration(seconds, language),
      },
      {
        id: 'csat-per-day',
        title: t('reports.csatPerDay'),
        definition: t('reports.def.csatPerDay'),
        dates,
        lines: [{ label: t('reports.card.csat'), values: figures.map((f) => f.csatShare) }],
        columns: [
          { label: t('reports.col.ratings'), values: days.map((d) => d.ratings), format: count },
          {
            label: t('reports.card.csatAverage'),
            values: figures.map((f) => f.csatAverage),
            format: (value: number) => value.toLocaleString(language),
          },
          { label: t('reports.col.comments'), values: days.map((d) => d.comments), format: count },
        ],
        scale: 'percent' as const,
        format: (value: number) => formatPercent(value, language),
      },
    ];
  }, [days, t, language]);
  return (
    <>
      {charts.map((chart) => (
        <DayChart key={chart.id} {...chart} />
      ))}
    </>
  );
}
