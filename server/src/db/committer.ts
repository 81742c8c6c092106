import type { PgDb } from './pg/client.ts';
import type { Engine } from './engine.ts';
import type { GroupCommit } from './group-commit.ts';

/** PostgreSQL's transaction handle, as drizzle passes it to `db.transaction`'s callback. */
export type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

/**
 * A transaction open on one engine, handed to a repository's `…InTx`
 * methods so that writes of several modules commit together. SQLite's needs
 * no handle: better-sqlite3 has one connection, and the group commit's
 * transaction is open on it while the step runs. PostgreSQL's is the
 * transaction's own client, which the step must use for every statement.
 */
export type Tx = { kind: 'sqlite' } | { kind: 'postgres'; db: PgTx };

/**
 * What an `…InTx` method returns: the value itself on SQLite, where the
 * transaction is synchronous (a better-sqlite3 transaction cannot await),
 * a promise on PostgreSQL. A repository implementation returns one or the
 * other, never both; `now` and `inOrder` hold callers to that.
 */
export type InTx<T> = T | Promise<T>;

export const SQLITE_TX: Tx = { kind: 'sqlite' };

/** The value of a SQLite step; a promise here means the step would commit after its transaction, so it is a bug. */
export function now<T>(value: InTx<T>): T {
  if (value instanceof Promise) throw new Error('A step inside a SQLite transaction returned a promise');
  return value;
}

/**
 * Runs `fn` for each item, in order, inside the transaction: synchronously
 * on SQLite, each awaited before the next on PostgreSQL (one client runs one
 * statement at a time).
 */
export function inOrder<I, R>(tx: Tx, items: readonly I[], fn: (item: I) => InTx<R>): InTx<R[]> {
  if (tx.kind === 'sqlite') return items.map((item) => now(fn(item)));
  return (async () => {
    const results: R[] = [];
    for (const item of items) results.push(await fn(item));
    return results;
  })();
}

/**
 * One committed step across modules: the step's writes commit together or
 * not at all, and the promise settles after the commit (persist, then ack).
 */
export interface Committer {
  run<T>(step: (tx: Tx) => InTx<T>): Promise<T>;
}

/**
 * SQLite: the step joins the group commit, which may share its transaction
 * with other steps of the same turn. PostgreSQL: a transaction of its own.
 */
export function committerFor(engine: Engine, groupCommit?: GroupCommit): Committer {
  if (engine.kind === 'sqlite') {
    if (!groupCommit) throw new Error('SQLite commits through the group commit');
    return { run: (step) => groupCommit.run(() => now(step(SQLITE_TX))) };
  }
  const { db } = engine;
  return { run: (step) => db.transaction(async (tx) => step({ kind: 'postgres', db: tx })) };
}

/**
 * `fn` on a step's value once it is there: at once on SQLite, where the
 * value is already in hand, after the promise on PostgreSQL. A step of
 * several dependent calls (read, then write what the read decided) is one
 * chain of these, written once for both engines.
 */
export function thenInTx<T, R>(value: InTx<T>, fn: (value: T) => InTx<R>): InTx<R> {
  // A thenable, not only a Promise: drizzle's PostgreSQL queries are typed as promises but are not instances of one.
  return isThenable(value) ? Promise.resolve(value).then(fn) : fn(value);
}

function isThenable<T>(value: InTx<T>): value is Promise<T> {
  return typeof value === 'object' && value !== null && 'then' in value && typeof value.then === 'function';
}

/** The PostgreSQL transaction a `.pg.ts` repository's `…InTx` method was handed; a SQLite one there is a wiring bug. */
export function pgTx(tx: Tx): PgTx {
  if (tx.kind !== 'postgres') throw new Error('A PostgreSQL repository was handed a SQLite transaction');
  return tx.db;
}
