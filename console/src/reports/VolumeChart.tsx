import type { ReportDay } from '@mostrador/shared';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';

/**
 * Conversations per day: a uPlot chart, loaded on first use, and the table
 * of the same day rows behind it for screen readers and exact numbers.
 */
export function VolumeChart({ days }: { days: ReportDay[] }) {
  const { t } = useI18n();
  const target = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let destroy: (() => void) | null = null;
    let cancelled = false;
    const draw = async () => {
      const { drawVolume } = await import('./volumePlot.ts');
      if (cancelled || !target.current) return;
      destroy = drawVolume(target.current, {
        dates: days.map((d) => d.date),
        conversations: days.map((d) => d.conversations),
        answered: days.map((d) => d.answered),
        labels: { conversations: t('reports.col.conversations'), answered: t('reports.col.answered') },
      });
    };
    // Without a canvas (as in jsdom) the table below still carries every number.
    draw().catch(() => {});
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [days, t]);

  return (
    <section class="report-section" aria-labelledby="report-volume-title">
      <h2 id="report-volume-title" class="report-heading">
        {t('reports.volume')}
      </h2>
      <div class="report-legend" aria-hidden="true">
        <span class="legend-conversations">{t('reports.col.conversations')}</span>
        <span class="legend-answered">{t('reports.col.answered')}</span>
      </div>
      <div ref={target} class="report-chart" aria-hidden="true" />
      <details class="report-data">
        <summary>{t('reports.volumeData')}</summary>
        <table class="report-table">
          <thead>
            <tr>
              <th scope="col">{t('reports.col.date')}</th>
              <th scope="col">{t('reports.col.conversations')}</th>
              <th scope="col">{t('reports.col.answered')}</th>
              <th scope="col">{t('reports.col.missed')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <th scope="row">{day.date}</th>
                <td>{day.conversations}</td>
                <td>{day.answered}</td>
                <td>{day.missed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
