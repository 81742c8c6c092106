import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import type { DayScale } from './dayPlot.ts';

/** A figure per day: drawn as a line, or only a column of the table behind the chart. */
export interface DayColumn {
  label: string;
  values: readonly (number | null)[];
  /** How a value reads in the table; the chart's own format otherwise. */
  format?: (value: number) => string;
}

interface DayChartProps {
  /** A unique name on the page, for the heading's id. */
  id: string;
  title: string;
  /** The figure's definition: under the heading, and as the section's tooltip. */
  definition: string;
  dates: readonly string[];
  /** Drawn, in order: solid, dashed, dotted (up to three). */
  lines: readonly DayColumn[];
  /** In the table only. */
  columns?: readonly DayColumn[];
  scale: DayScale;
  format: (value: number) => string;
}

/**
 * Figures per day: a uPlot chart, loaded on first use, and the table of the
 * same figures behind it ("Data behind the chart") for screen readers and
 * exact numbers. The chart is hidden from assistive technology: the table says it all.
 */
export function DayChart({ id, title, definition, dates, lines, columns = [], scale, format }: DayChartProps) {
  const { t } = useI18n();
  const none = t('reports.none');
  const target = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let destroy: (() => void) | null = null;
    let cancelled = false;
    const draw = async () => {
      const { drawDays } = await import('./dayPlot.ts');
      if (cancelled || !target.current) return;
      destroy = drawDays(target.current, { dates, lines, scale, format });
    };
    // Without a canvas (as in jsdom) the table below still carries every number.
    draw().catch(() => {});
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [dates, lines, scale, format]);

  const table = [...lines, ...columns];
  return (
    <section class="report-section report-day-chart" data-chart={id} aria-labelledby={`report-${id}-title`} title={definition}>
      <h2 id={`report-${id}-title`} class="report-heading">
        {title}
      </h2>
      <p class="admin-note">{definition}</p>
      <div class="report-legend" aria-hidden="true">
        {lines.map((line, i) => (
          <span key={line.label} class={`legend-line legend-${i}`}>
            {line.label}
          </span>
        ))}
      </div>
      <div ref={target} class="report-chart" aria-hidden="true" />
      <details class="report-data">
        <summary>{t('reports.volumeData')}</summary>
        <table class="report-table">
          <thead>
            <tr>
              <th scope="col">{t('reports.col.date')}</th>
              {table.map((column) => (
                <th key={column.label} scope="col">
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {dates.map((date, d) => (
              <tr key={date}>
                <th scope="row">{date}</th>
                {table.map((column) => {
                  const value = column.values[d] ?? null;
                  return <td key={column.label}>{value === null ? none : (column.format ?? format)(value)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
