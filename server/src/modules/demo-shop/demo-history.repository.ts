import type { PgTable } from 'drizzle-orm/pg-core';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { committerFor, pgTxOf, type Committer, type Tx } from '../../db/committer.ts';
import type { Engine } from '../../db/engine.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import * as pg from '../../db/pg/schema/index.ts';
import * as lite from '../../db/schema.ts';
import type { HistoryRows } from './demo-history-types.ts';

/**
 * Rows per INSERT: a log row has 12 columns, so 500 of them bind 6,000 values, well under SQLite's 32,766
 * and PostgreSQL's 65,535.
 */
const ROWS_PER_INSERT = 500;

/** Each table of the history, with its twin on the other engine (schema-parity.test.ts holds their rows equal), parents first. */
const TABLES: ReadonlyArray<readonly [keyof HistoryRows, SQLiteTable, PgTable]> = [
  ['visitors', lite.visitors, pg.visitors],
  ['pageViews', lite.pageViews, pg.pageViews],
  ['cartEvents', lite.cartEvents, pg.cartEvents],
  ['conversations', lite.conversations, pg.conversations],
  ['events', lite.conversationEvents, pg.conversationEvents],
  ['ratings', lite.conversationRatings, pg.conversationRatings],
  ['nps', lite.npsResponses, pg.npsResponses],
  ['statusChanges', lite.agentStatusChanges, pg.agentStatusChanges],
  ['firings', lite.triggerFirings, pg.triggerFirings],
];

/**
 * Writes the demo shop's history in one transaction, on either engine. The one writer that spans other
 * modules' tables, on purpose: the history is what those modules would have written over four weeks, with
 * the times it happened, which no service takes (each stamps its writes with now). Bulk inserts, never
 * the message path: it runs once, when the demo site is created. The search index follows on its own
 * (SQLite's FTS triggers, PostgreSQL's expression index), as for any insert.
 */
export class DemoHistoryRepository {
  readonly #committer: Committer;

  constructor(
    private readonly engine: Engine,
    groupCommit?: GroupCommit,
  ) {
    this.#committer = committerFor(engine, groupCommit);
  }

  /** All the rows, or none (a failure rolls the whole history back). */
  async write(rows: HistoryRows): Promise<void> {
    await this.#committer.run((tx) => (tx.kind === 'sqlite' ? this.#writeSqlite(rows) : this.#writePg(tx, rows)));
  }

  /** Inside the group commit's transaction, which is open on the one connection while this runs. */
  #writeSqlite(rows: HistoryRows): void {
    if (this.engine.kind !== 'sqlite') throw new Error('A SQLite step on PostgreSQL');
    const { db } = this.engine;
    for (const [key, table] of TABLES)
      for (const chunk of chunks<SQLiteTable['$inferInsert']>(rows[key])) db.insert(table).values(chunk).run();
  }

  async #writePg(tx: Tx, rows: HistoryRows): Promise<void> {
    const db = pgTxOf(tx);
    for (const [key, , table] of TABLES)
      for (const chunk of chunks<PgTable['$inferInsert']>(rows[key])) await db.insert(table).values(chunk);
  }
}

/** A table's rows in slices, typed as the table list's engine takes them (the list holds each table with its own rows). */
function* chunks<T>(rows: readonly object[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) yield rows.slice(i, i + ROWS_PER_INSERT) as T[];
}
