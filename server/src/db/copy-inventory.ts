import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as pgSchema from './pg/schema/index.ts';
import * as sqliteSchema from './schema.ts';

/** A table the copy moves: its SQLite source and its PostgreSQL twin (the same export name; schema-parity.test.ts holds them together). */
export interface TablePair {
  name: string;
  sqlite: SQLiteTable;
  pg: PgTable;
}

const FTS5_TABLE = 'FTS5 keeps it for conversation_search';

/**
 * The tables of a SQLite install the copy leaves behind on purpose, and why.
 * Any other table in the file stops the copy (see whatTheCopyWouldLose), so a
 * table a later migration adds is never dropped unnoticed: it is declared in
 * schema.ts and copied, or it is named here.
 */
export const SKIPPED_SQLITE_TABLES: Readonly<Record<string, string>> = {
  __drizzle_migrations: 'each engine keeps its own migration log: the target’s is written as it is migrated',
  sqlite_sequence: 'AUTOINCREMENT’s high-water marks: PostgreSQL’s identities are set past them instead',
  conversation_search:
    'the FTS5 index of message and note bodies: PostgreSQL indexes the copied bodies itself (drizzle-pg/0003_search.sql)',
  conversation_search_config: FTS5_TABLE,
  conversation_search_data: FTS5_TABLE,
  conversation_search_docsize: FTS5_TABLE,
  conversation_search_idx: FTS5_TABLE,
  conversation_search_vocab:
    'the FTS5 vocabulary: PostgreSQL’s conversation_search_words is filled by its trigger as the events are copied',
};

/**
 * PostgreSQL tables no SQLite table is copied into: each is filled by the
 * database itself as the copied rows arrive.
 */
export const FILLED_BY_POSTGRES: Readonly<Record<string, string>> = {
  conversation_search_words: 'the search vocabulary, which a trigger on conversation_events fills, one batch of events at a time',
};

/**
 * How each pair of column types crosses, as one JSON document per batch that
 * PostgreSQL spreads over the table's columns (jsonb_populate_recordset): the
 * value drizzle reads from SQLite, written as JSON, is what PostgreSQL's
 * column takes. A pair not listed stops the copy before it starts: a column
 * type added to the schemas needs its crossing decided here (a Buffer or a
 * Date, say, would not survive JSON as they are).
 */
export const CONVERSIONS: Readonly<Record<string, string>> = {
  'SQLiteText → PgText': 'a string',
  'SQLiteInteger → PgInteger': 'a number (int4)',
  'SQLiteInteger → PgBigInt53': 'a number: epoch milliseconds and row ids (int8, exact to 2^53)',
  'SQLiteReal → PgDoublePrecision': 'a finite number (float8); SQLite’s infinities stop the copy',
  'SQLiteBoolean → PgBoolean': 'SQLite’s 0 or 1, read as false or true',
  'SQLiteTextJson → PgJsonb': 'the JSON text SQLite keeps, parsed, and stored as jsonb',
  // The only custom PostgreSQL column is bytea (report_facts' packed response spans).
  'SQLiteBlobBuffer → PgCustomColumn': 'bytes, written as bytea’s hex text (\\x…)',
};

/** The columns whose types have no crossing in CONVERSIONS, as `table.column (SQLiteType → PgType)`. */
export function columnsWithoutConversion(pairs: readonly TablePair[]): string[] {
  return pairs.flatMap(({ name, sqlite, pg }) => {
    const twins = getTableColumns(pg);
    return Object.entries(getTableColumns(sqlite)).flatMap(([key, column]) => {
      const crossing = `${column.columnType} → ${twins[key]?.columnType ?? 'nothing'}`;
      return crossing in CONVERSIONS ? [] : [`${name}.${column.name} (${crossing})`];
    });
  });
}

/** Names SQLite keeps for itself (sqlite_stat1 after an ANALYZE…): never Mostrador's data. */
const isSqliteInternal = (name: string) => name.startsWith('sqlite_');

/** Every table of the SQLite schema with its PostgreSQL twin, parents before children, so every foreign key finds its row. */
export function tablesToCopy(): TablePair[] {
  const pairs = Object.entries(sqliteSchema).flatMap(([key, table]) => {
    if (!is(table, SQLiteTable)) return [];
    const twin = (pgSchema as Record<string, unknown>)[key];
    if (!is(twin, PgTable)) throw new Error(`No PostgreSQL table for ${getTableName(table)}`);
    return [{ name: getTableName(table), sqlite: table, pg: twin }];
  });
  return inForeignKeyOrder(pairs);
}

/** Parents before children (no table references itself). */
function inForeignKeyOrder(pairs: TablePair[]): TablePair[] {
  const ordered: TablePair[] = [];
  const placed = new Set<string>();
  const visit = (pair: TablePair, path: string[]) => {
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
 * What a copy of a file with these tables (name → column names) would leave
 * out without saying so: a table neither copied nor skipped on purpose, or a
 * column schema.ts does not declare (a file a newer Mostrador wrote). Empty:
 * nothing.
 */
export function whatTheCopyWouldLose(fileTables: ReadonlyMap<string, readonly string[]>, pairs: readonly TablePair[]): string[] {
  const lost: string[] = [];
  for (const [name, columns] of fileTables) {
    if (name in SKIPPED_SQLITE_TABLES || isSqliteInternal(name)) continue;
    const pair = pairs.find((p) => p.name === name);
    if (!pair) {
      lost.push(`table ${name}`);
      continue;
    }
    const declared = new Set(Object.values(getTableColumns(pair.sqlite)).map((column) => column.name));
    for (const column of columns) if (!declared.has(column)) lost.push(`column ${name}.${column}`);
  }
  return lost;
}
