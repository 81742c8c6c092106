import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface VolumeSeries {
  /** Local dates "YYYY-MM-DD". */
  dates: string[];
  conversations: number[];
  answered: number[];
  labels: { conversations: string; answered: string };
}

/**
 * Draws conversations and answered conversations per day with uPlot. Loaded
 * only by the Reports page (a dynamic import), so the inbox never downloads it.
 * Dates are drawn on a UTC axis so each point sits on its own local date.
 */
export function drawVolume(target: HTMLElement, series: VolumeSeries): () => void {
  const xs = series.dates.map((date) => Date.parse(`${date}T00:00:00Z`) / 1000);
  const style = getComputedStyle(target);
  const accent = style.getPropertyValue('--accent').trim() || '#2458c6';
  const success = style.getPropertyValue('--success').trim() || '#1f7a4d';
  const plot = new uPlot(
    {
      width: Math.max(280, target.clientWidth),
      height: 240,
      legend: { show: false },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: {
        // The period's own days, half a day either side (uPlot's auto range stretches one day over years).
        x: { time: true, range: () => [(xs[0] ?? 0) - 43_200, (xs.at(-1) ?? 0) + 43_200] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
      },
      // Whole conversations only on the y axis.
      axes: [{}, { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000] }],
      series: [
        {},
        { label: series.labels.conversations, stroke: accent, width: 2, points: { show: xs.length < 45 } },
        { label: series.labels.answered, stroke: success, width: 2, dash: [6, 4], points: { show: xs.length < 45 } },
      ],
    },
    [xs, series.conversations, series.answered],
    target,
  );
  return () => plot.destroy();
}
