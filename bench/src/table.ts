export type Row = [string, string, string, string, string];

export const ms = (n: number) => `${n.toFixed(1)} ms`;
/** Ours over the floor's, as a factor. */
export const ratio = (ours: number, floor: number) => (floor > 0 ? `${(ours / floor).toFixed(2)}×` : '—');

/** Prints rows as an aligned plain-text table. */
export function printTable(header: Row, rows: Row[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
