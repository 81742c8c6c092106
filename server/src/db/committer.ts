import type { PgDb } from './pg/client.ts';
import { PgGroupCommit } from './pg/pg-group-commit.ts';
import type { Engine } from './engine.ts';
import type { GroupCommit } from './group-commit.ts';
import { OneAtATimePerKey } from './one-at-a-time.ts';

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

/** The PostgreSQL transaction a PostgreSQL repository was handed; a SQLite one here means the engines were mixed up. */
export function pgTxOf(tx: Tx): PgTx {
  if (tx.kind !== 'postgres') throw new Error('A PostgreSQL repository was handed a SQLite transaction');
  return tx.db;
}

/** The value of a SQLite step; a promise here means the step would commit after its transaction, so it is a bug. */
export function now<T>(value: InTx<T>): T {
  if (isThenable(value)) {
    // The error below reports the bug; the promise's own failure, if any, would only repeat it unhandled.
    Promise.resolve(value).catch(() => undefined);
    throw new Error('A step inside a SQLite transaction returned a promise');
  }
  return value;
}

/** `fn` applied to a step's value once it is there: at once on SQLite, after the promise on PostgreSQL. */
export function andThen<A, B>(value: InTx<A>, fn: (value: A) => InTx<B>): InTx<B> {
  return isThenable(value) ? Promise.resolve(value).then(fn) : fn(value);
}

/**
 * A promise, or anything awaitable: drizzle's PostgreSQL queries are typed
 * as promises but are not instances of one, and a repository may return one
 * as it is.
 */
function isThenable<T>(value: InTx<T>): value is Promise<T> {
  return typeof value === 'object' && value !== null && 'then' in value && typeof value.then === 'function';
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
  /**
   * Work that commits a step and tells of it (its `run` and what follows),
   * in the order asked among the works of one key: a visitor's messages are
   * stored and told in the order they were sent. SQLite's group commit runs
   * steps in the order they are handed to it and settles them in that order,
   * so a work that hands its step over at once starts at once; on PostgreSQL
   * two steps may run in two transactions side by side and take a row's lock
   * in either order, so a work waits for the key's previous one to end.
   */
  inOrder<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/**
 * SQLite: the step joins the group commit, which may share its transaction
 * with other steps of the same turn. PostgreSQL: its group commit
 * (pg-group-commit.ts), which shares a transaction among steps that queued
 * while every transaction slot was busy.
 */
export function committerFor(engine: Engine, groupCommit?: GroupCommit): Committer {
  if (engine.kind === 'sqlite') {
    if (!groupCommit) throw new Error('SQLite commits through the group commit');
    return { run: (step) => groupCommit.run(() => now(step(SQLITE_TX))), inOrder: (_key, work) => work() };
  }
  const batches = pgGroupCommitOf(engine.db);
  const ordered = new OneAtATimePerKey();
  return {
    run: (step) => batches.run(async (tx) => step({ kind: 'postgres', db: tx })),
    inOrder: (key, work) => ordered.run(key, work),
  };
}

/** One group commit per database, whichever module's committer hands it a step: batches form across modules, as on SQLite. */
const pgGroupCommits = new WeakMap<PgDb, PgGroupCommit>();

function pgGroupCommitOf(db: PgDb): PgGroupCommit {
  let batches = pgGroupCommits.get(db);
  if (!batches) pgGroupCommits.set(db, (batches = new PgGroupCommit(db)));
  return batches;
}

/**
 * A step written once for both engines, as a generator: each `yield* step(x)`
 * hands an `…InTx` result to the driver and gets its value back. On SQLite
 * the driver feeds values back at once, so the whole step stays synchronous
 * inside the group commit; on PostgreSQL it awaits each before going on.
 * Decisions between the reads and writes are plain code, shared by both.
 * One difference stays: on PostgreSQL a statement that fails aborts the
 * transaction, so a body that means to carry on after a refused write must
 * make it in a nested transaction (a savepoint) of its own.
 */
export type StepBody<T> = Generator<InTx<unknown>, T, unknown>;

/** Inside a step body: the value of one `…InTx` call (`const row = yield* step(repo.byIdInTx(tx, id))`). */
export function* step<T>(value: InTx<T>): Generator<InTx<T>, T, unknown> {
  return (yield value) as T;
}

/** Runs a step body in the transaction `tx`: synchronously on SQLite, awaiting each value on PostgreSQL. */
export function runStep<T>(tx: Tx, body: StepBody<T>): InTx<T> {
  if (tx.kind === 'sqlite') {
    let next = body.next();
    while (!next.done) next = body.next(now(next.value));
    return next.value;
  }
  return (async () => {
    let next = body.next();
    while (!next.done) {
      let value: unknown;
      try {
        value = await next.value;
      } catch (error) {
        // The body may catch it (a refused claim), as it would a throw on SQLite.
        next = body.throw(error);
        continue;
      }
      next = body.next(value);
    }
    return next.value;
  })();
}
