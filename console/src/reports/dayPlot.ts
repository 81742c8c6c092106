import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** What a day chart's y axis counts: its range and the steps of its ticks follow. */
export type DayScale = 'count' | 'seconds' | 'percent' | 'money';

export interface DayPlot {
  /** Local dates "YYYY-MM-DD". */
  dates: readonly string[];
  /** Up to three lines, told apart by their dash as well as their colour; null is a day with no figure (a gap). */
  lines: ReadonlyArray<{ label: string; values: readonly (number | null)[] }>;
  scale: DayScale;
  /** A tick's text on the y axis, in the page's language. */
  format: (value: number) => string;
}

/** Whole units, and for durations whole minutes and hours once they are that long. */
const INCREMENTS: Partial<Record<DayScale, number[]>> = {
  count: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000],
  seconds: [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 28_800, 43_200, 86_400, 172_800, 604_800],
  percent: [5, 10, 20, 25, 50],
};

/** The lines' looks, in order; the page's legend draws the same (.legend-0, .legend-1, .legend-2). */
const DASHES: ReadonlyArray<number[] | undefined> = [undefined, [6, 4], [2, 3]];

/**
 * Draws figures per day with uPlot. Loaded only by the Reports page (a
 * dynamic import), so the inbox never downloads it. Dates are drawn on a UTC
 * axis so each point sits on its own local date.
 */
export function drawDays(target: HTMLElement, plot: DayPlot): () => void {
  const xs = plot.dates.map((date) => Date.parse(`${date}T00:00:00Z`) / 1000);
  const style = getComputedStyle(target);
  const colour = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const colours = [colour('--accent', '#2458c6'), colour('--success', '#1f7a4d'), colour('--muted', '#5f6b7a')];
  const instance = new uPlot(
    {
      width: Math.max(280, target.clientWidth),
      height: 240,
      legend: { show: false },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: {
        // The period's own days, half a day either side (uPlot's auto range stretches one day over years).
        x: { time: true, range: () => [(xs[0] ?? 0) - 43_200, (xs.at(-1) ?? 0) + 43_200] },
        y: { range: (_u, _min, max) => [0, plot.scale === 'percent' ? 100 : Math.max(1, max)] },
      },
      axes: [
        {},
        {
          ...(INCREMENTS[plot.scale] && { incrs: INCREMENTS[plot.scale] }),
          values: (_u, ticks) => ticks.map(plot.format),
          size: plot.scale === 'count' || plot.scale === 'percent' ? 50 : 90,
        },
      ],
      series: [
        {},
        ...plot.lines.map((line, i) => ({
          label: line.label,
          stroke: colours[i % colours.length],
          width: 2,
          ...(DASHES[i] && { dash: DASHES[i] }),
          points: { show: xs.length < 45 },
        })),
      ],
    },
    [xs, ...plot.lines.map((line) => [...line.values])],
    target,
  );
  return () => instance.destroy();
}
