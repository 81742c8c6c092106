import type { ReportDay } from '@mostrador/shared';
import { useMemo } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import { DayChart } from './DayChart.tsx';

/** Conversations and answered conversations per day, with the missed ones in the table behind the chart. */
export function VolumeChart({ days }: { days: ReportDay[] }) {
  const { t, language } = useI18n();
  const { dates, lines, columns } = useMemo(
    () => ({
      dates: days.map((d) => d.date),
      lines: [
        { label: t('reports.col.conversations'), values: days.map((d) => d.conversations) },
        { label: t('reports.col.answered'), values: days.map((d) => d.answered) },
      ],
      columns: [{ label: t('reports.col.missed'), values: days.map((d) => d.missed) }],
    }),
    [days, t],
  );
  const format = useMemo(() => (value: number) => value.toLocaleString(language), [language]);
  return (
    <DayChart
      id="volume"
      title={t('reports.volume')}
      definition={t('reports.def.volume')}
      dates={dates}
      lines={lines}
      columns={columns}
      scale="count"
      format={format}
    />
  );
}
