import type { ReportHeadline, ReportSummary } from '../schemas/reports.ts';
import type { CurrencyAmount } from '../schemas/revenue.ts';
import { dateDayNumber, dayNumberDate } from './business-time.ts';

/** The period a range is compared with: as many local days, ending the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string; days: number } {
  const first = dateDayNumber(from);
  const days = dateDayNumber(to) - first + 1;
  return { from: dayNumberDate(first - days), to: dayNumberDate(first - 1), days };
}

/** The figures of the summary cards, read from a summary: the current period's side of every comparison. */
export function headlineOf(summary: Omit<ReportSummary, 'agentTime' | 'previous'>): ReportHeadline {
  return {
    conversations: summary.totals.conversations,
    uniqueCustomers: summary.uniqueCustomers,
    firstResponseMedianSeconds: summary.firstResponse.raw.medianSeconds,
    responseMeanSeconds: summary.response.raw.meanSeconds,
    resolutionMedianSeconds: summary.resolution.raw.medianSeconds,
    waitMedianSeconds: summary.wait.medianSeconds,
    abandonmentRate: summary.abandonmentRate,
    missed: summary.totals.missed,
    ticketsOutOfHours: summary.totals.ticketsOutOfHours,
    csatShare: summary.csatShare,
    csatAverage: summary.csatAverage,
    nps: summary.nps.nps,
    reopenRate: summary.reopenRate,
  };
}

/**
 * How a figure is compared: counts by their relative change (a percentage of
 * the previous value); durations, percentages, scores and averages by their
 * absolute difference (seconds, points), since "+50 %" of a 2 % abandonment
 * rate reads as a bigger story than it is.
 */
export const HEADLINE_CHANGE = {
  conversations: 'relative',
  uniqueCustomers: 'relative',
  firstResponseMedianSeconds: 'absolute',
  responseMeanSeconds: 'absolute',
  resolutionMedianSeconds: 'absolute',
  waitMedianSeconds: 'absolute',
  abandonmentRate: 'absolute',
  missed: 'relative',
  ticketsOutOfHours: 'relative',
  csatShare: 'absolute',
  csatAverage: 'absolute',
  nps: 'absolute',
  reopenRate: 'absolute',
} as const satisfies Record<keyof ReportHeadline, ChangeKind>;

export type ChangeKind = 'relative' | 'absolute';

/**
 * The change of a figure against the previous period. `relative`: in percent
 * of the previous value, one decimal. `absolute`: the difference, at most two
 * decimals. Null (shown as "—") when either value is missing, and for a
 * relative change when the previous value is 0: there is no percentage of nothing.
 */
export type Change = { kind: 'relative'; percent: number } | { kind: 'absolute'; difference: number };

export function changeOf(current: number | null, previous: number | null, kind: ChangeKind): Change | null {
  if (current === null || previous === null) return null;
  if (kind === 'absolute') return { kind, difference: Math.round((current - previous) * 100) / 100 };
  if (previous === 0) return null;
  return { kind, percent: Math.round(((current - previous) / previous) * 1000) / 10 };
}

/** The sign of a change: up, down or the same. */
export function directionOf(change: Change): 'up' | 'down' | 'same' {
  const amount = change.kind === 'relative' ? change.percent : change.difference;
  return amount > 0 ? 'up' : amount < 0 ? 'down' : 'same';
}

/**
 * How the group tables (by agent, by department) and the revenue cards are
 * compared with the previous period, by the same rule as the cards: counts
 * and money by their relative change, durations and shares by the difference.
 */
export const GROUP_CHANGE = {
  conversations: 'relative',
  firstResponseMedianSeconds: 'absolute',
  visitors: 'relative',
  conversionRate: 'absolute',
  revenue: 'relative',
} as const satisfies Record<string, ChangeKind>;

/**
 * The change of sums per currency, one per currency of either period (sorted
 * by code), each against the same currency only: money is never converted. A
 * currency missing on one side is 0 there, so a new currency has no change
 * ("—", no percentage of nothing) and one gone has fallen by 100 %.
 */
export function moneyChangeOf(
  current: readonly CurrencyAmount[],
  previous: readonly CurrencyAmount[],
): { currency: string; change: Change | null }[] {
  const amountIn = (sums: readonly CurrencyAmount[], currency: string) => sums.find((s) => s.currency === currency)?.amount ?? 0;
  const currencies = [...new Set([...current, ...previous].map((s) => s.currency))].sort();
  return currencies.map((currency) => ({
    currency,
    change: changeOf(amountIn(current, currency), amountIn(previous, currency), GROUP_CHANGE.revenue),
  }));
}
