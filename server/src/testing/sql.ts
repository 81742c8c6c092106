import type { Engine } from '../db/engine.ts';

/**
 * Plain SQL against a test app's database, on whichever engine it runs:
 * what a test reads or arranges behind the app's back (a row's column, a
 * count, a moment set in the past). Write it in the SQL both engines speak:
 * `?` placeholders, `"double-quoted"` aliases (PostgreSQL folds a bare
 * `AS replyId` to lower case), `true`/`false` for booleans. Numbers come
 * back as numbers on both (PostgreSQL's `bigint` and `count(*)` included);
 * booleans stay each engine's own (0/1 on SQLite), and JSON columns are
 * text on SQLite and values on PostgreSQL: compare them through `json()`.
 */
export interface TestSql {
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  /** The first row; fails when there is none. */
  one<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T>;
  /** The first column of the first row; fails when there is none. */
  value<T = unknown>(sql: string, ...params: unknown[]): Promise<T>;
  /** A write; resolves with the rows it changed. */
  run(sql: string, ...params: unknown[]): Promise<number>;
  /**
   * Every table of the app's database by name, as the engine lists them
   * (SQLite's virtual search tables and their shadow tables included), but
   * not the engine's own nor the migrator's.
   */
  tables(): Promise<string[]>;
}

/** A JSON column's value as the engine gave it (text on SQLite, parsed on PostgreSQL), parsed. */
export function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export function sqlOn(engine: Engine): TestSql {
  const sql = engine.kind === 'sqlite' ? sqliteSql(engine.db.$client) : postgresSql(engine.db.$client);
  const one = async <T>(text: string, ...params: unknown[]) => {
    const row = await sql.get<T>(text, ...params);
    if (row === undefined) throw new Error(`no row for ${text}`);
    return row;
  };
  return {
    ...sql,
    one,
    value: async <T>(text: string, ...params: unknown[]) => Object.values(await one<Record<string, T>>(text, ...params))[0] as T,
  };
}

type SqliteClient = Extract<Engine, { kind: 'sqlite' }>['db']['$client'];

function sqliteSql(client: SqliteClient): Omit<TestSql, 'one' | 'value'> {
  const all = async <T>(sql: string, ...params: unknown[]) => client.prepare(sql).all(...params) as T[];
  return {
    all,
    get: async <T>(sql: string, ...params: unknown[]) => (await all<T>(sql, ...params))[0],
    run: async (sql, ...params) => client.prepare(sql).run(...params).changes,
    tables: async () =>
      (
        client
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
          .pluck()
          .all() as string[]
      ).sort(),
  };
}

/** PostgreSQL's `int8` and `numeric` (what `count(*)` and `sum` give), which node-postgres reads as text. */
const NUMBER_TYPES = new Set([20, 1700]);

type PgPool = Extract<Engine, { kind: 'postgres' }>['db']['$client'];

function postgresSql(pool: PgPool): Omit<TestSql, 'one' | 'value'> {
  const query = async <T>(sql: string, params: unknown[]) => {
    const result = await pool.query(numberedPlaceholders(sql), params);
    // As numbers, as SQLite answers them.
    const numeric = result.fields.filter((f) => NUMBER_TYPES.has(f.dataTypeID)).map((f) => f.name);
    for (const row of result.rows as Array<Record<string, unknown>>) {
      for (const name of numeric) if (typeof row[name] === 'string') row[name] = Number(row[name]);
    }
    return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
  };
  const all = async <T>(sql: string, ...params: unknown[]) => (await query<T>(sql, params)).rows;
  return {
    all,
    get: async <T>(sql: string, ...params: unknown[]) => (await all<T>(sql, ...params))[0],
    run: async (sql, ...params) => (await query(sql, params)).rowCount,
    tables: async () =>
      (
        await all<{ name: string }>(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
        )
      )
        .map((t) => t.name)
        .sort(),
  };
}

/** `?` placeholders as PostgreSQL's `$1, $2, …`, leaving quoted text and names alone. */
export function numberedPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (const char of sql) {
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '?') {
      out += `$${++n}`;
      continue;
    }
    out += char;
  }
  return out;
}
