import { ReportTally, type ReportSummary, type RevenueTally } from '@mostrador/shared';

/** The CSV columns: the date, then every additive figure of the tally, in the contract's order. */
export const CSV_COLUMNS = ['date', ...ReportTally.keyof().options] as const;

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
  const currencies = [...new Set([...revenue.chat.revenue, ...revenue.baseline.revenue].map((r) => r.currency))].sort();
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
