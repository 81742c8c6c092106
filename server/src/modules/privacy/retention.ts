import type { Committer } from '../../db/committer.ts';
import type { RetentionKind } from './personal-data.ts';
import type { PrivacyRegistry } from './privacy-registry.ts';

const DAY_MS = 86_400_000;
const DEFAULT_BATCH_ROWS = 500;

export interface RetentionSite {
  id: string;
  conversationRetentionDays: number | null;
  trailRetentionDays: number | null;
}

export interface RetentionOptions {
  /** How often the job runs; 0 never starts the timer (tests call `runOnce`). */
  intervalMs: number;
  /** The most rows one transaction deletes, so the writer is never held for long. */
  batchRows: number;
  now: () => number;
  log: (error: unknown) => void;
}

export interface RetentionRun {
  deleted: Record<string, number>;
  /** Transactions used; each deleted at most about `batchRows` rows. */
  batches: number;
}

/**
 * Deletes conversations and page trails older than each site's setting.
 * Small batches, each its own transaction (a turn in SQLite's group commit), with the event loop
 * let go between them: messages keep flowing while years of history drain.
 */
export class RetentionJob {
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<RetentionRun> | undefined;

  constructor(
    private readonly registry: PrivacyRegistry,
    private readonly sites: () => RetentionSite[],
    private readonly committer: Committer,
    private readonly options: RetentionOptions,
  ) {}

  start(): void {
    // `!(x > 0)` also refuses NaN, which setInterval would read as "as often as possible".
    if (!(this.options.intervalMs > 0) || this.#timer) return;
    this.#timer = setInterval(() => void this.runOnce().catch(this.options.log), this.options.intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a run under way, so the database can close after it. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  /** One pass over every site; a pass still under way is joined, not doubled. */
  runOnce(): Promise<RetentionRun> {
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** A whole number of rows, at least one, whatever the environment said. */
  #batchRows(): number {
    const rows = Math.floor(this.options.batchRows);
    return rows >= 1 ? rows : DEFAULT_BATCH_ROWS;
  }

  async #run(): Promise<RetentionRun> {
    const run: RetentionRun = { deleted: {}, batches: 0 };
    const now = this.options.now();
    for (const site of this.sites()) {
      await this.#purge(run, site.id, 'conversations', site.conversationRetentionDays, now);
      await this.#purge(run, site.id, 'trail', site.trailRetentionDays, now);
    }
    return run;
  }

  async #purge(run: RetentionRun, siteId: string, kind: RetentionKind, days: number | null, now: number): Promise<void> {
    if (days === null) return;
    const cutoff = now - days * DAY_MS;
    for (const { name, purgeInTx } of this.registry.retained(kind)) {
      for (;;) {
        const deleted = await this.committer.run((tx) => purgeInTx(tx, siteId, cutoff, this.#batchRows()));
        run.batches += 1;
        run.deleted[name] = (run.deleted[name] ?? 0) + deleted;
        if (deleted === 0) break;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }
}
