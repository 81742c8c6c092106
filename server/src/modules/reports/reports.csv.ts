import { ReportTally, type ReportSummary, type RevenueTally } from '@mostrador/shared';
import { emptyTally } from '@mostrador/shared/reports';

/** The tally's columns, in the contract's order. */
const TALLY_COLUMNS = ReportTally.keyof().options;

/** The CSV columns: the date, then every additive figure of the tally, in the contract's order. */
export const CSV_COLUMNS = ['date', ...TALLY_COLUMNS] as const;

/** The currencies of some sums per currency, sorted: one revenue column each. */
const currenciesOf = (...sums: { currency: string }[][]) => [...new Set(sums.flat().map((r) => r.currency))].sort();

/** The revenue columns of one side (chat or baseline), then one revenue column per currency of the period. */
function revenueColumns(side: 'chat' | 'baseline', currencies: readonly string[]) {
  const header = [
    `${side}Visitors`,
    `${side}Checkouts`,
    `${side}Converted`,
    `${side}Purchases`,
    ...currencies.map((c) => `${side}Revenue${c}`),
  ];
  const cells = (tally: RevenueTally) => [
    tally.visitors,
    tally.checkouts,
    tally.converted,
    tally.purchases,
    ...currencies.map((c) => tally.revenue.find((r) => r.currency === c)?.amount ?? 0),
  ];
  return { header, cells };
}

/**
 * One row per local day of the report, exactly the summary's day rows: every
 * column is a count or a sum of seconds (raw and business hours), so each
 * column's sum is the summary's total. Then the revenue day rows: visitors
 * counted on the day their window opened, so these sum to the revenue totals
 * too; one revenue column per currency (e.g. chatRevenueEUR), never converted.
 * Numbers and ISO dates only: nothing to quote.
 */
export function daysCsv(summary: ReportSummary): string {
  const { revenue } = summary;
  const currencies = currenciesOf(revenue.chat.revenue, revenue.baseline.revenue);
  const chat = revenueColumns('chat', currencies);
  const baseline = revenueColumns('baseline', currencies);
  const lines = [[...CSV_COLUMNS, ...chat.header, ...baseline.header].join(',')];
  summary.days.forEach((day, i) => {
    const money = revenue.days[i];
    const extra = money ? [...chat.cells(money.chat), ...baseline.cells(money.baseline)] : [];
    lines.push([...CSV_COLUMNS.map((column) => day[column]), ...extra].join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A name as one CSV field: quoted when it holds a comma, quote or line break,
 * and a leading = + - @ neutralised with a quote mark, so a spreadsheet never
 * runs an agent's name as a formula (OWASP CSV injection).
 */
function textField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n']/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The agent's chat load; empty where there is nothing to divide by (no time signed in, no capacity). */
const LOAD_COLUMNS = ['chatSeconds', 'concurrency', 'peakConcurrency', 'utilisation', 'capacity'] as const;

const noChats: RevenueTally = { visitors: 0, checkouts: 0, converted: 0, purchases: 0, revenue: [] };

/**
 * One row per agent, with the report's period and filters: the summary's
 * agent rows (the assignee each conversation has now; an empty agentId is
 * nobody), then the agents who only have time in the period. Every figure of
 * the day CSV (counts, and sums of seconds raw and in business hours), then
 * the agent's seconds online, away and offline, its chat load (chat seconds,
 * chats at once, peak, utilisation in percent, capacity), then the chats' revenue (no
 * baseline: it is site-wide). Each column but the times sums to the
 * summary's total, as the summary's agent rows do.
 */
export function agentsCsv(summary: ReportSummary, nameOf: (agentId: string) => string | undefined): string {
  const currencies = currenciesOf(summary.revenue.chat.revenue);
  const chat = revenueColumns('chat', currencies);
  const time = new Map(summary.agentTime.map((row) => [row.agentId, row]));
  const rows: { id: string | null; tally: ReportTally; revenue: RevenueTally }[] = [
    ...summary.byAgent.map((row) => ({ id: row.id, tally: row.tally, revenue: row.revenue })),
    ...summary.agentTime
      .filter((row) => !summary.byAgent.some((group) => group.id === row.agentId))
      .map((row) => ({ id: row.agentId, tally: emptyTally(), revenue: noChats })),
  ];
  const lines = [
    ['agentId', 'agentName', ...TALLY_COLUMNS, 'onlineSeconds', 'awaySeconds', 'offlineSeconds', ...LOAD_COLUMNS, ...chat.header].join(','),
  ];
  for (const row of rows) {
    const seconds = row.id === null ? undefined : time.get(row.id);
    lines.push(
      [
        row.id ?? '',
        row.id === null ? '' : textField(nameOf(row.id) ?? ''),
        ...TALLY_COLUMNS.map((column) => row.tally[column]),
        seconds?.onlineSeconds ?? 0,
        seconds?.awaySeconds ?? 0,
        seconds?.offlineSeconds ?? 0,
        ...LOAD_COLUMNS.map((column) => seconds?.[column] ?? ''),
        ...chat.cells(row.revenue),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
