import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv, unguard } from './csv.ts';

describe('canned reply CSV', () => {
  it('round-trips quotes, commas, line breaks and accents', () => {
    const rows = [
      ['shortcut', 'title', 'ca'],
      ['devolucio', 'Devolució, 30 dies', 'Hola {{visitor.first_name|}}!\n"Cap" problema.'],
      ['buit', '', ''],
    ];
    const parsed = parseCsv(toCsv(rows));
    expect(parsed.map((row) => row.fields.map(unguard))).toEqual(rows);
    expect(parsed.map((row) => row.line)).toEqual([1, 2, 4]);
  });

  it('guards spreadsheet formulas on export and restores them on import', () => {
    const csv = toCsv([['=HYPERLINK("x")', '-5 €', 'plain']]);
    expect(csv).toBe(`"'=HYPERLINK(""x"")","'-5 €",plain\r\n`);
    expect(parseCsv(csv)[0]!.fields.map(unguard)).toEqual(['=HYPERLINK("x")', '-5 €', 'plain']);
  });

  it('reads LF files with a byte order mark and skips blank lines', () => {
    expect(parseCsv('\uFEFFa,b\n\nc,d').map((row) => row.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });
});
