import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { integer as pgInteger, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresPerTest } from '../testing/postgres.ts';
import { openDatabase } from './client.ts';
import {
  columnsWithoutConversion,
  FILLED_BY_POSTGRES,
  SKIPPED_SQLITE_TABLES,
  tablesToCopy,
  whatTheCopyWouldLose,
} from './copy-inventory.ts';
import { copySqliteToPostgres } from './copy-to-postgres.ts';
import { openPostgres } from './pg/client.ts';

const postgres = postgresPerTest();

/** A SQLite file as every migration leaves it. */
function migratedSqlite<T>(use: (sqlite: ReturnType<typeof openDatabase>['sqlite'], file: string) => T | Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-inventory-'));
  const file = join(dir, 'mostrador.sqlite');
  const { sqlite } = openDatabase(file);
  return (async () => {
    try {
      return await use(sqlite, file);
    } finally {
      sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  })();
}

const copied = () => tablesToCopy().map((pair) => pair.name);

describe('what the copy to PostgreSQL takes and leaves', () => {
  it('copies every table of the migrated SQLite schema or leaves it on purpose, and names no table that is not there', async () => {
    const tables = await migratedSqlite(
      (sqlite) => sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[],
    );
    const skipped = Object.keys(SKIPPED_SQLITE_TABLES);
    expect(copied().filter((name) => skipped.includes(name))).toEqual([]);
    expect([...copied(), ...skipped].sort()).toEqual(tables);
  });

  it('fills every table of the migrated PostgreSQL schema: by the copy, or by PostgreSQL itself as the rows arrive', async () => {
    const target = await openPostgres(postgres.database.url);
    try {
      const tables = await target.pool.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
      );
      expect(tables.rows.map((row) => row.table_name).sort()).toEqual([...copied(), ...Object.keys(FILLED_BY_POSTGRES)].sort());
    } finally {
      await target.close();
    }
  });

  it('knows how every column of the two schemas crosses, and names a pair of types it does not', () => {
    expect(columnsWithoutConversion(tablesToCopy())).toEqual([]);
    const later = {
      name: 'deliveries',
      sqlite: sqliteTable('deliveries', { id: integer('id'), at: integer('at') }),
      pg: pgTable('deliveries', { id: pgInteger('id'), at: timestamp('at') }),
    };
    expect(columnsWithoutConversion([later])).toEqual(['deliveries.at (SQLiteInteger → PgTimestamp)']);
  });

  it('names a table or a column it would not copy, and nothing in a file as the migrations leave it', async () => {
    const pairs = tablesToCopy();
    const asMigrated = await migratedSqlite((sqlite) => {
      const names = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      return new Map(names.map((name) => [name, (sqlite.pragma(`table_info(${name})`) as { name: string }[]).map((c) => c.name)]));
    });
    expect(whatTheCopyWouldLose(asMigrated, pairs)).toEqual([]);
    const newer = new Map([
      ...asMigrated,
      ['loyalty_points', ['id', 'points']],
      ['sites', [...asMigrated.get('sites')!, 'loyalty_rate']],
      ['sqlite_stat1', ['tbl', 'idx', 'stat']],
    ]);
    expect(whatTheCopyWouldLose(newer, pairs).sort()).toEqual(['column sites.loyalty_rate', 'table loyalty_points']);
  });

  it('refuses a file with a table it does not know (a newer Mostrador’s) before writing anything', async () => {
    await migratedSqlite(async (sqlite, file) => {
      sqlite.exec('CREATE TABLE loyalty_points (id TEXT PRIMARY KEY, points INTEGER)');
      await expect(copySqliteToPostgres(file, postgres.database.url)).rejects.toThrow(
        /cannot copy \(table loyalty_points\): use the version that wrote it/,
      );
    });
    const client = new pg.Client({ connectionString: postgres.database.url });
    await client.connect();
    try {
      const tables = await client.query("SELECT 1 FROM information_schema.tables WHERE table_schema = 'public'");
      expect(tables.rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });
});
