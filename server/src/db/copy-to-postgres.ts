import { existsSync } from 'node:fs';
import { getTableColumns, getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { openDatabase } from './client.ts';
import { openPostgres, type PgDb } from './pg/client.ts';
import * as pgSchema from './pg/schema/index.ts';
import * as sqliteSchema from './schema.ts';

/** One table's outcome: the rows read from SQLite, each written to PostgreSQL. */
export interface CopiedTable {
  table: string;
  rows: number;
}

type PgTransaction = Parameters<Parameters<PgDb['transaction']>[0]>[0];

/** PostgreSQL takes at most 65,535 parameters per statement: a batch is as many rows as fit well under that. */
const PARAMETERS_PER_BATCH = 30_000;

/** Every table of the SQLite schema with its PostgreSQL twin (the same export name: schema-parity.test.ts holds them together). */
function tablePairs(): { name: string; sqlite: SQLiteTable; pg: PgTable }[] {
  return Object.entries(sqliteSchema).flatMap(([key, table]) => {
    if (!is(table, SQLiteTable)) return [];
    const twin = (pgSchema as Record<string, unknown>)[key];
    if (!is(twin, PgTable)) throw new Error(`No PostgreSQL table for ${getTableName(table)}`);
    return [{ name: getTableName(table), sqlite: table, pg: twin }];
  });
}

/** Parents before children, so every foreign key finds its row (no table references itself). */
function inForeignKeyOrder<T extends { name: string; sqlite: SQLiteTable }>(pairs: T[]): T[] {
  const ordered: T[] = [];
  const placed = new Set<string>();
  const visit = (pair: T, path: string[]) => {
    if (placed.has(pair.name)) return;
    if (path.includes(pair.name)) throw new Error(`Foreign keys form a cycle: ${[...path, pair.name].join(' → ')}`);
    for (const key of getTableConfig(pair.sqlite).foreignKeys) {
      const parent = pairs.find((p) => p.name === getTableName(key.reference().foreignTable));
      if (parent && parent !== pair) visit(parent, [...path, pair.name]);
    }
    placed.add(pair.name);
    ordered.push(pair);
  };
  for (const pair of pairs) visit(pair, []);
  return ordered;
}

/**
 * PostgreSQL's text and jsonb refuse the NUL character, which SQLite keeps: a
 * shopper's message or a page title may hold one. It is dropped (it shows as
 * nothing anywhere), so one odd row never stops a whole copy.
 */
function withoutNul(row: Record<string, unknown>): Record<string, unknown> {
  const clean = (value: unknown): unknown => {
    if (typeof value === 'string') return value.includes('\0') ? value.replaceAll('\0', '') : value;
    if (Array.isArray(value)) return value.map(clean);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)]));
    return value;
  };
  return clean(row) as Record<string, unknown>;
}

/** Identity columns continue after the highest id copied, so the next row PostgreSQL numbers does not collide. */
async function continueIdentities(tx: PgTransaction): Promise<void> {
  const identities = await tx.execute<{ table_name: string; column_name: string }>(
    sql`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'`,
  );
  for (const { table_name: table, column_name: column } of identities.rows) {
    const name = sql.identifier(table);
    const id = sql.identifier(column);
    await tx.execute(
      sql`SELECT setval(pg_get_serial_sequence(${`"${table}"`}, ${column}), COALESCE(MAX(${id}), 1), MAX(${id}) IS NOT NULL) FROM ${name}`,
    );
  }
}

/**
 * Moves a SQLite install to PostgreSQL: every row of every table, in one
 * PostgreSQL transaction, from one consistent read of the SQLite file. The
 * SQLite file is brought up to date first (as a start of Mostrador would),
 * and the PostgreSQL database migrated; a target that already holds any row
 * is refused, so two installs are never merged by accident. Rows counted on
 * both sides before the commit; any difference rolls everything back.
 * Search indexes are not rows: PostgreSQL builds its own.
 */
export async function copySqliteToPostgres(
  sqliteFile: string,
  postgresUrl: string,
  onTable?: (copied: CopiedTable) => void,
): Promise<CopiedTable[]> {
  // Opening a missing file would create an empty database and copy nothing.
  if (!existsSync(sqliteFile)) throw new Error(`No SQLite database at ${sqliteFile}`);
  const source = openDatabase(sqliteFile);
  const target = await openPostgres(postgresUrl);
  try {
    const pairs = inForeignKeyOrder(tablePairs());
    return await target.db.transaction(async (tx) => {
      for (const { name, pg } of pairs) {
        const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(pg);
        if ((row?.n ?? 0) > 0) throw new Error(`The PostgreSQL database is not empty (${name} has rows): copy into a new database`);
      }
      // One read transaction over the whole copy: in WAL mode, a snapshot of the file as it was when it began.
      source.sqlite.exec('BEGIN');
      try {
        const copied: CopiedTable[] = [];
        for (const { name, sqlite, pg } of pairs) {
          const columns = getTableColumns(sqlite);
          const batch = Math.max(1, Math.floor(PARAMETERS_PER_BATCH / Object.keys(columns).length));
          let rows = 0;
          let after = 0;
          for (;;) {
            // By rowid, never OFFSET: each batch is found by index however far the copy has gone.
            const page = source.db
              .select({ ...columns, rowid: sql<number>`rowid` })
              .from(sqlite)
              .where(sql`rowid > ${after}`)
              .orderBy(sql`rowid`)
              .limit(batch)
              .all();
            if (page.length === 0) break;
            after = page[page.length - 1]!.rowid;
            await tx.insert(pg).values(page.map(({ rowid: _rowid, ...row }) => withoutNul(row)));
            rows += page.length;
          }
          const [written] = await tx.select({ n: sql<number>`count(*)::int` }).from(pg);
          if (written?.n !== rows) throw new Error(`${name}: read ${rows} rows, PostgreSQL holds ${written?.n}`);
          copied.push({ table: name, rows });
          onTable?.({ table: name, rows });
        }
        await continueIdentities(tx);
        return copied;
      } finally {
        source.sqlite.exec('COMMIT');
      }
    });
  } finally {
    source.sqlite.close();
    await target.close();
  }
}
