import { ReportTally, type ReportSummary } from '@mostrador/shared';

/** The CSV columns: the date, then every additive figure of the tally, in the contract's order. */
export const CSV_COLUMNS = ['date', ...ReportTally.keyof().options] as const;

/**
 * One row per local day of the report, exactly the summary's day rows: every
 * column is a count or a sum of seconds (raw and business hours), so each
 * column's sum is the summary's total. Numbers and ISO dates only: nothing to quote.
 */
export function daysCsv(summary: ReportSummary): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const day of summary.days) lines.push(CSV_COLUMNS.map((column) => day[column]).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
