import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kb, sizesOf } from './sizes.ts';

/** The whole widget, its Socket.IO client included, must stay under this. */
const WIDGET_BUDGET_GZIP = 25 * 1024;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const quick = process.argv.includes('--quick');

const widget = sizesOf(join(root, 'widget', 'dist', 'widget.js'));

const rows = [
  ['Widget (whole bundle)', kb(widget.raw), kb(widget.gzip), kb(widget.brotli), `budget ${kb(WIDGET_BUDGET_GZIP)} gzip`],
];
const header = ['Figure', 'Raw', 'Gzip', 'Brotli', 'Goal'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));

const results = { when: new Date().toISOString(), quick, widget, budgetGzip: WIDGET_BUDGET_GZIP };
const outDir = join(root, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, `bench-${quick ? 'quick' : 'full'}.json`), `${JSON.stringify(results, null, 2)}\n`);

if (widget.gzip > WIDGET_BUDGET_GZIP) {
  console.error(`Widget is ${kb(widget.gzip)} gzipped, over its ${kb(WIDGET_BUDGET_GZIP)} budget.`);
  process.exit(1);
}
