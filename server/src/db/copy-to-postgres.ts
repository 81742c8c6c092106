import type Database from 'better-sqlite3';
import { getTableColumns, sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type OpenedDatabase } from './client.ts';
import { columnsWithoutConversion, tablesToCopy, whatTheCopyWouldLose, type TablePair } from './copy-inventory.ts';
import { openPostgres, type PgDb } from './pg/client.ts';
import { snapshotOf } from './sqlite-snapshot.ts';

/** One table's outcome: the rows read from SQLite, each written to PostgreSQL. */
export interface CopiedTable {
  table: string;
  rows: number;
}

type PgTransaction = Parameters<Parameters<PgDb['transaction']>[0]>[0];
type Query = (text: string) => Promise<Record<string, unknown>[]>;

/**
 * Rows per INSERT: one JSON parameter each, so PostgreSQL's limit of 65,535
 * parameters does not bind it. Fewer statements also mean fewer runs of the
 * search vocabulary's statement trigger.
 */
const ROWS_PER_BATCH = 5_000;

/**
 * Moves a SQLite install to PostgreSQL: every row of every table, in one
 * PostgreSQL transaction, so a failure leaves the target without a row.
 * - The source may be in use: the copy reads a snapshot of it (sqlite-snapshot.ts),
 *   which is brought up to date as a start of Mostrador would, never the live file.
 * - A target that holds any row is refused before it is migrated, so two
 *   installs are never merged by accident nor another program's database touched.
 * - Tables go parents first, in batches read by rowid; each table is counted
 *   on both sides, and any difference rolls everything back.
 * - Values are read through drizzle's SQLite schema (0/1 as booleans, JSON
 *   text parsed) and cross as one JSON document per batch, each column type
 *   as CONVERSIONS says: booleans, JSON, epoch milliseconds and reals arrive
 *   as PostgreSQL's boolean, jsonb, int8 and float8.
 * - Search needs no copy: PostgreSQL's expression index and vocabulary trigger
 *   (drizzle-pg/0003_search.sql) take the copied bodies as they are inserted.
 */
export async function copySqliteToPostgres(
  sqliteFile: string,
  postgresUrl: string,
  onTable?: (copied: CopiedTable) => void,
): Promise<CopiedTable[]> {
  const pairs = tablesToCopy();
  const unconverted = columnsWithoutConversion(pairs);
  if (unconverted.length > 0) throw new Error(`No conversion for ${unconverted.join(', ')}: add one to CONVERSIONS`);
  await refuseUnlessEmpty(postgresUrl);
  const snapshot = await snapshotOf(sqliteFile);
  try {
    const source = openDatabase(snapshot.file);
    try {
      const lost = whatTheCopyWouldLose(tablesOf(source.sqlite), pairs);
      if (lost.length > 0) {
        throw new Error(
          `The SQLite file holds what this version of Mostrador cannot copy (${lost.join(', ')}): use the version that wrote it`,
        );
      }
      const target = await openPostgres(postgresUrl);
      try {
        return await target.db.transaction((tx) => copyTables(tx, source, pairs, onTable));
      } finally {
        await target.close();
      }
    } finally {
      source.sqlite.close();
    }
  } finally {
    snapshot.remove();
  }
}

async function copyTables(
  tx: PgTransaction,
  source: OpenedDatabase,
  pairs: TablePair[],
  onTable: ((copied: CopiedTable) => void) | undefined,
): Promise<CopiedTable[]> {
  // Nobody writes the tables until the copy commits (a node started too early waits); reads go on.
  const tables = sql.join(
    pairs.map(({ pg }) => pg),
    sql`, `,
  );
  await tx.execute(sql`LOCK TABLE ${tables} IN EXCLUSIVE MODE`);
  await refuseRows((text) => tx.execute(sql.raw(text)).then((result) => result.rows));
  const copied: CopiedTable[] = [];
  for (const { name, sqlite, pg } of pairs) {
    const columns = getTableColumns(sqlite);
    const twins = getTableColumns(pg);
    // Drizzle's key of each column, and its name on the PostgreSQL side, where the JSON's keys are read.
    const names = Object.keys(columns).map((key) => [key, twins[key]!.name] as const);
    let rows = 0;
    let after = 0;
    for (;;) {
      // By rowid, never OFFSET: each batch is found by index however far the copy has gone.
      const page = source.db
        .select({ ...columns, rowid: sql<number>`rowid` })
        .from(sqlite)
        .where(sql`rowid > ${after}`)
        .orderBy(sql`rowid`)
        .limit(ROWS_PER_BATCH)
        .all();
      if (page.length === 0) break;
      after = page[page.length - 1]!.rowid;
      try {
        const batch = JSON.stringify(
          page.map((row) => Object.fromEntries(names.map(([key, column]) => [column, asJson((row as Record<string, unknown>)[key])]))),
          asPostgresTakesIt,
        );
        await tx.execute(sql`INSERT INTO ${pg} SELECT * FROM jsonb_populate_recordset(NULL::${pg}, ${batch}::jsonb)`);
      } catch (error) {
        throw new Error(`${name}: ${describe(error)}`, { cause: error });
      }
      rows += page.length;
    }
    const [written] = await tx.select({ n: sql<number>`count(*)::int` }).from(pg);
    if (written?.n !== rows) throw new Error(`${name}: read ${rows} rows, PostgreSQL holds ${written?.n}`);
    copied.push({ table: name, rows });
    onTable?.({ table: name, rows });
  }
  await continueIdentities(tx, highWaterMarks(source.sqlite));
  return copied;
}

/**
 * PostgreSQL's own words and detail (which key a foreign key missed, say),
 * without drizzle's wrapping, which repeats the statement and a whole batch of values.
 */
function describe(error: unknown): string {
  const reason = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (!(reason instanceof Error)) return String(reason);
  const detail = (reason as { detail?: unknown }).detail;
  return typeof detail === 'string' ? `${reason.message} (${detail})` : reason.message;
}

/** Before anything is written: the target's current schema holds no row in any table, Mostrador's or not. */
async function refuseUnlessEmpty(postgresUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await refuseRows((text) => client.query(text).then((result) => result.rows));
  } finally {
    await client.end();
  }
}

async function refuseRows(query: Query): Promise<void> {
  const tables = await query(
    `SELECT quote_ident(table_name) AS ident, quote_literal(table_name) AS literal FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  if (tables.length === 0) return;
  const holding = await query(
    tables
      .map(({ ident, literal }) => `SELECT ${String(literal)} AS name WHERE EXISTS (SELECT 1 FROM ${String(ident)})`)
      .join(' UNION ALL '),
  );
  if (holding.length > 0) {
    const names = holding.map((row) => String(row.name)).join(', ');
    throw new Error(`The PostgreSQL database is not empty (${names} hold rows): copy into a new, empty database`);
  }
}

/** The file's tables and their columns, as SQLite describes them. */
function tablesOf(sqlite: Database.Database): Map<string, string[]> {
  const names = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  return new Map(
    names.map((name) => [name, (sqlite.pragma(`table_info("${name.replaceAll('"', '""')}")`) as { name: string }[]).map((c) => c.name)]),
  );
}

/**
 * AUTOINCREMENT never hands out an id twice, even after the newest rows are
 * deleted (old page views and cart events are): the highest id ever given,
 * by table.
 */
function highWaterMarks(sqlite: Database.Database): Map<string, number> {
  const present = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get();
  if (!present) return new Map();
  const rows = sqlite.prepare('SELECT name, seq FROM sqlite_sequence').all() as { name: string; seq: number }[];
  return new Map(rows.map((row) => [row.name, row.seq]));
}

/** Identity columns continue after the highest id copied or ever given, so no id is handed out twice. */
async function continueIdentities(tx: PgTransaction, marks: ReadonlyMap<string, number>): Promise<void> {
  const identities = await tx.execute<{ table_name: string; column_name: string }>(
    sql`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'`,
  );
  for (const { table_name: table, column_name: column } of identities.rows) {
    const id = sql.identifier(column);
    const last = sql`GREATEST(COALESCE(MAX(${id}), 0), ${marks.get(table) ?? 0})`;
    // setval(…, n, true): the next is n + 1; (…, 1, false): the next is 1, for a table that never had a row.
    await tx.execute(
      sql`SELECT setval(pg_get_serial_sequence(${`"${table}"`}, ${column}), GREATEST(${last}, 1), ${last} > 0) FROM ${sql.identifier(table)}`,
    );
  }
}

/** Bytes as bytea's hex input text, which jsonb_populate_recordset hands to the column; anything else as it is. */
function asJson(value: unknown): unknown {
  return value instanceof Uint8Array ? `\\x${Buffer.from(value).toString('hex')}` : value;
}

/**
 * JSON.stringify's replacer for a batch. PostgreSQL's text and jsonb refuse
 * the NUL character, which SQLite keeps: a shopper's message or a page title
 * may hold one. It is dropped (it shows as nothing anywhere), so one odd row
 * never stops a whole copy. JSON would write an infinity as null, a missing
 * price where SQLite held one: that stops the copy instead.
 */
function asPostgresTakesIt(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\0') ? value.replaceAll('\0', '') : value;
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${value} cannot be written as JSON`);
  return value;
}
