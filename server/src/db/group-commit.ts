import type Database from 'better-sqlite3';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface PendingWork {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes that arrive in the same turn of the event loop are
 * committed by one transaction, so one fsync covers many messages. If a piece
 * of work throws, the batch is rolled back and run again with each piece in
 * its own savepoint, so one failing write rolls back alone; work must
 * therefore be safe to run twice (it only touches the database).
 * Promises settle only after the commit, which is what lets callers ack
 * "persisted" honestly.
 */
export class GroupCommit {
  private pending: PendingWork[] = [];
  private scheduled = false;
  private batches = 0;
  private lastCommitAt = 0;

  /**
   * @param minIntervalMs the least time between two commits. Each commit
   *   costs an fsync that blocks the event loop; under load, waiting up to
   *   this long gathers more writes into one fsync. When idle, a write is
   *   committed in the next turn.
   */
  constructor(
    private readonly sqlite: Database.Database,
    private readonly minIntervalMs = 1,
  ) {}

  /** Runs `work` inside the next group transaction; resolves after the commit. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        const wait = this.lastCommitAt + this.minIntervalMs - performance.now();
        if (wait > 0) setTimeout(() => this.flush(), wait);
        else setImmediate(() => this.flush());
      }
    });
  }

  /** How many transactions have committed; tests use it to see batching happen. */
  get committedBatches(): number {
    return this.batches;
  }

  /** The fast path: every piece of work in one transaction, no savepoints. Throws if any piece throws. */
  private commitTogether(batch: PendingWork[]): Outcome[] {
    const outcomes: Outcome[] = [];
    this.sqlite
      .transaction(() => {
        for (const item of batch) outcomes.push({ ok: true, value: item.work() });
      })
      .immediate();
    return outcomes;
  }

  private commitEachInSavepoint(batch: PendingWork[]): Outcome[] {
    const outcomes: Outcome[] = [];
    this.sqlite
      .transaction(() => {
        for (const item of batch) {
          // A nested better-sqlite3 transaction is a savepoint.
          const inSavepoint = this.sqlite.transaction(item.work);
          try {
            outcomes.push({ ok: true, value: inSavepoint() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })
      .immediate();
    return outcomes;
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    if (batch.length === 0) return;

    let outcomes: Outcome[];
    try {
      outcomes = this.commitTogether(batch);
    } catch {
      // One piece of work failed: run each in its own savepoint so only it rolls back.
      try {
        outcomes = this.commitEachInSavepoint(batch);
      } catch (error) {
        for (const item of batch) item.reject(error);
        return;
      }
    }
    this.batches += 1;
    this.lastCommitAt = performance.now();
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) item.resolve(outcome.value);
      else item.reject(outcome?.error);
    });
  }
}
