import { CannedScope, CannedShortcut, NewCannedReplyBody, type CannedImportResult } from '@mostrador/shared';
import { parseCsv, toCsv, unguard } from './csv.ts';
import type { CannedInput } from './canned-replies.service.ts';
import type { CannedReplyRow } from './canned-replies.repository.ts';

/**
 * The columns, in order; departments go by slug so a file moves between installs. A reply's picture is not in the
 * file (bytes have no place in CSV): an import adds replies without one. `product` is its product page's URL, which
 * must be in the importing site's catalogue; it came last and is optional, so files from before it import as they did.
 */
export const CSV_COLUMNS = ['shortcut', 'title', 'scope', 'department', 'ca', 'es', 'en', 'product'] as const;
/** What a file may leave out: the defaults (shared, every department, no product) stand in. */
const OPTIONAL_COLUMNS: ReadonlySet<string> = new Set(['scope', 'department', 'product']);

export interface DepartmentSlugs {
  slugOf: (departmentId: string) => string | null;
  idOf: (slug: string) => string | null;
}

export function cannedToCsv(rows: readonly CannedReplyRow[], departments: DepartmentSlugs): string {
  return toCsv([
    [...CSV_COLUMNS],
    ...rows.map((row) => [
      row.shortcut,
      row.title,
      row.ownerId === null ? 'shared' : 'personal',
      row.departmentId ? (departments.slugOf(row.departmentId) ?? '') : '',
      row.bodies.ca,
      row.bodies.es,
      row.bodies.en,
      row.productUrl ?? '',
    ]),
  ]);
}

/** Good rows become inputs; each bad one is named by its line, so the admin can fix the file. */
export function cannedFromCsv(
  text: string,
  departments: DepartmentSlugs,
): { inputs: CannedInput[]; lines: number[]; refused: CannedImportResult['refused'] } {
  const [header, ...rows] = parseCsv(text);
  const names = header?.fields.map((name) => name.trim().toLowerCase()) ?? [];
  const missing = CSV_COLUMNS.filter((column) => !OPTIONAL_COLUMNS.has(column) && !names.includes(column));
  if (!header || missing.length > 0) {
    return { inputs: [], lines: [], refused: [{ line: 1, message: `Missing columns: ${missing.join(', ') || CSV_COLUMNS.join(', ')}` }] };
  }
  const inputs: CannedInput[] = [];
  const lines: number[] = [];
  const refused: CannedImportResult['refused'] = [];
  for (const row of rows) {
    const cell = (column: (typeof CSV_COLUMNS)[number]) => unguard(row.fields[names.indexOf(column)] ?? '');
    const slug = cell('department').trim();
    const departmentId = slug ? departments.idOf(slug) : null;
    if (slug && !departmentId) {
      refused.push({ line: row.line, message: `No department "${slug}"` });
      continue;
    }
    const scope = CannedScope.safeParse(cell('scope').trim() || 'shared');
    const product = cell('product').trim();
    const parsed = NewCannedReplyBody.safeParse({
      shortcut: CannedShortcut.safeParse(cell('shortcut')).data ?? cell('shortcut'),
      title: cell('title').trim() || cell('shortcut'),
      scope: scope.data ?? 'invalid',
      departmentId,
      bodies: { ca: cell('ca'), es: cell('es'), en: cell('en') },
      ...(product ? { productUrl: product } : {}),
    });
    if (parsed.success) {
      inputs.push(parsed.data);
      lines.push(row.line);
    } else
      refused.push({ line: row.line, message: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
  }
  return { inputs, lines, refused };
}
