import { expect, it } from 'vitest';
import { describeOnEngines, insertSite } from './engines.ts';
import { json, numberedPlaceholders, sqlOn } from './sql.ts';

it('numbers the placeholders for PostgreSQL, leaving question marks in quoted text and names alone', () => {
  expect(numberedPlaceholders(`SELECT "a?" FROM t WHERE x = ? AND y = '?' AND z IN (?, ?)`)).toBe(
    `SELECT "a?" FROM t WHERE x = $1 AND y = '?' AND z IN ($2, $3)`,
  );
});

describeOnEngines('plain SQL in a test', (engine) => {
  it('reads rows, one row and one value, with counts and moments as numbers', async () => {
    const sql = sqlOn(engine());
    await insertSite(engine(), 'sit_a');
    await insertSite(engine(), 'sit_b');
    expect(await sql.all('SELECT id, created_at AS "createdAt" FROM sites ORDER BY id')).toEqual([
      { id: 'sit_a', createdAt: 1 },
      { id: 'sit_b', createdAt: 1 },
    ]);
    expect(await sql.get('SELECT count(*) AS n FROM sites WHERE id = ?', 'sit_b')).toEqual({ n: 1 });
    expect(await sql.value('SELECT sum(created_at) FROM sites')).toBe(2);
    expect(await sql.get('SELECT id FROM sites WHERE id = ?', 'sit_none')).toBeUndefined();
    await expect(sql.one('SELECT id FROM sites WHERE id = ?', 'sit_none')).rejects.toThrow('no row');
    expect(json(await sql.value('SELECT allowed_origins FROM sites WHERE id = ?', 'sit_a'))).toEqual(['self']);
  });

  it('writes, answering how many rows changed', async () => {
    const sql = sqlOn(engine());
    await insertSite(engine(), 'sit_a');
    expect(await sql.run('UPDATE sites SET name = ? WHERE id = ?', 'Renamed', 'sit_a')).toBe(1);
    expect(await sql.run('UPDATE sites SET name = ? WHERE id = ?', 'Renamed', 'sit_none')).toBe(0);
    expect(await sql.value('SELECT name FROM sites')).toBe('Renamed');
  });

  it('lists the schema’s tables, not the migrator’s', async () => {
    const tables = await sqlOn(engine()).tables();
    expect(tables).toContain('conversations');
    expect(tables).toContain('sites');
    expect(tables.some((t) => t.startsWith('__drizzle'))).toBe(false);
  });
});
