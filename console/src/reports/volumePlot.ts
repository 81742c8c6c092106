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
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
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
