import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** SQLite's own default: checkpoint on commit once the WAL holds this many pages. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * Moves WAL checkpoints off the event loop. SQLite runs a checkpoint inside
 * whichever commit pushes the WAL past 1,000 pages, and with
 * synchronous=FULL that commit then fsyncs the database file as well: a
 * 3–6 ms stall for every chat on the server. Here the writer never
 * checkpoints; a worker thread with its own connection does, every
 * `intervalMs`, so the WAL stays small and restarts from its beginning.
 * Should the worker die, the writer checkpoints for itself again.
 */
export class BackgroundCheckpointer {
  private readonly worker: Worker;
  private closed = false;

  private constructor(
    private readonly sqlite: Database.Database,
    file: string,
    intervalMs: number,
  ) {
    this.worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
      workerData: { file, intervalMs },
    });
    this.worker.unref();
    this.worker.once('exit', () => this.fallBack());
    this.worker.once('error', () => this.fallBack());
  }

  /** Starts the worker and turns off checkpoints on the writer's own commits. */
  static async start(sqlite: Database.Database, file: string, intervalMs = 100): Promise<BackgroundCheckpointer> {
    const checkpointer = new BackgroundCheckpointer(sqlite, file, intervalMs);
    await new Promise<void>((resolve, reject) => {
      checkpointer.worker.once('message', () => resolve());
      checkpointer.worker.once('error', reject);
    });
    sqlite.pragma('wal_autocheckpoint = 0');
    return checkpointer;
  }

  /** Stops the worker; the caller checkpoints once more before closing the writer. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stopped = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('close');
    this.worker.once('message', () => void this.worker.terminate());
    await stopped;
  }

  private fallBack(): void {
    if (this.closed || !this.sqlite.open) return;
    this.closed = true;
    this.sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }
}
