import { getTableColumns, type Query, type Table } from 'drizzle-orm';
import type { PgTx } from '../committer.ts';
import type { PgDb } from './client.ts';

/** The pool, or a step's transaction: a statement runs the same on either, on that one's client. */
export type PgRunner = PgDb | PgTx;

/**
 * A statement whose SQL is built once (drizzle's `toSQL()`, with
 * `sql.placeholder`s for its values) and then run by name on whichever
 * client is given: the pool, or a step's transaction, whose rows only its own
 * client sees. Building drizzle's query on every call cost more CPU than
 * sending it: the message path (an UPDATE … RETURNING of a 30-column row and
 * an INSERT) took 0.53–0.66 ms of this process's CPU per message built per
 * call, 0.21–0.29 ms built once and named (2-core machine, 400 messages in a
 * transaction). The name also lets each connection parse and plan the
 * statement once, then only bind values; node-postgres remembers which
 * names each connection has parsed.
 */
export function namedStatement<Row>(
  name: string,
  query: Query,
  decode: (values: unknown[]) => Row,
): (db: PgRunner, values: Record<string, unknown>) => Promise<Row[]> {
  return (db, values) =>
    db._.session
      // Rows come back as arrays (node-postgres' array mode), in the order of the statement's RETURNING.
      .prepareQuery<{ execute: Row[]; all: unknown; values: unknown }>(query, undefined, name, true, (rows) => rows.map(decode))
      .execute(values);
}

/**
 * Decodes a row of `table` returned as an array in the table's column order
 * (as `.returning()` with no argument lists them) into the row drizzle would
 * give, each value through its column's own decoder (int8 text to a number).
 */
export function tableRow<T extends Table>(table: T): (values: unknown[]) => T['$inferSelect'] {
  const columns = Object.entries(getTableColumns(table));
  return (values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const [key, column] = columns[i] as (typeof columns)[number];
      const value = values[i];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as T['$inferSelect'];
  };
}
