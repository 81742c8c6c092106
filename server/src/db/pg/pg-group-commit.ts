import type { PgDb } from './client.ts';

/** PostgreSQL's transaction handle, as drizzle passes it to `db.transaction`'s callback. */
type Transaction = Parameters<Parameters<PgDb['transaction']>[0]>[0];

interface PendingStep {
  step: (tx: Transaction) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Transactions of steps under way at once: enough to keep the server's cores busy, few enough that steps queue into batches. */
export const PARALLEL_BATCHES = 4;
/** The most steps one transaction carries: a long batch holds its row locks longer. */
const MAX_BATCH = 64;

/**
 * The group commit on PostgreSQL. A step that arrives while a transaction
 * slot is free runs at once, in a transaction of its own, as before; steps
 * that arrive while every slot is busy wait, and the next free slot runs
 * them all in one transaction, one after another: one BEGIN, one COMMIT and
 * one WAL flush for the lot, where each used to pay its own (measured: the
 * round trips and the commit were most of a message's CPU, in the node
 * and in PostgreSQL). Promises settle after the commit. If a step fails,
 * the transaction is rolled back and every step of the batch runs again,
 * each in a transaction of its own, so only the failing one fails: steps
 * must be safe to run twice, as SQLite's group commit already asks (they
 * only touch the database). Steps of a batch see each other's writes, as
 * they do in SQLite's shared transaction; a deadlock between two batches
 * is such a failure, and the steps run again alone.
 */
export class PgGroupCommit {
  #pending: PendingStep[] = [];
  #running = 0;

  constructor(private readonly db: PgDb) {}

  run<T>(step: (tx: Transaction) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ step, resolve: resolve as (value: unknown) => void, reject });
      this.#next();
    });
  }

  #next(): void {
    while (this.#running < PARALLEL_BATCHES && this.#pending.length > 0) {
      const batch = this.#pending.splice(0, MAX_BATCH);
      this.#running += 1;
      void this.#commit(batch).finally(() => {
        this.#running -= 1;
        this.#next();
      });
    }
  }

  async #commit(batch: PendingStep[]): Promise<void> {
    let values: unknown[];
    try {
      values = await this.db.transaction(async (tx) => {
        const results: unknown[] = [];
        for (const { step } of batch) results.push(await step(tx));
        return results;
      });
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // One step failed (or the batch lost a deadlock): each again, alone, so only a failing one fails.
      for (const pending of batch) {
        try {
          pending.resolve(await this.db.transaction((tx) => pending.step(tx)));
        } catch (alone) {
          pending.reject(alone);
        }
      }
      return;
    }
    batch.forEach((pending, i) => pending.resolve(values[i]));
  }
}
