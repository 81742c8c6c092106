import { storedKeys, type AttachmentsRepository } from './attachments.repository.ts';
import { removeStalledIncoming } from './incoming-file.ts';
import type { FileStorage } from './storage.ts';

/**
 * How long an upload may wait for the message that sends it. A shopper may
 * pick a photo and finish the message much later, or the console may hold
 * it in its outbox through a long outage; a day covers both. After that the
 * file is someone's personal data kept for nothing, and disk paid for nothing.
 */
export const UNSENT_UPLOAD_MS = 24 * 60 * 60 * 1000;
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
/** A file being received that has not grown for this long was left by a stopped process. */
export const STALLED_INCOMING_MS = 60 * 60 * 1000;
/** Rows per transaction: the message path never waits behind a long delete. */
const BATCH_ROWS = 200;

/**
 * Removes uploads never sent in a message, and files a stopped process left
 * half received, whatever the site's retention
 * (which may keep conversations forever, but never covered these): the rows
 * in small batches (each one statement that answers the rows it deleted, so
 * sweeps on two nodes never remove the same bytes), the bytes once each
 * batch has committed.
 */
export class UnsentUploadsSweep {
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<number> | undefined;

  constructor(
    private readonly repo: AttachmentsRepository,
    private readonly storage: FileStorage,
    private readonly log: (error: unknown) => void,
  ) {}

  start(intervalMs = SWEEP_INTERVAL_MS): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.runOnce().catch(this.log), intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a pass under way, so the database can close after it. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  /** One pass; resolves with how many uploads it removed. A pass under way is joined, not doubled. */
  runOnce(now = Date.now()): Promise<number> {
    this.#running ??= this.#run(now - UNSENT_UPLOAD_MS, now - STALLED_INCOMING_MS).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #run(cutoff: number, stalledCutoff: number): Promise<number> {
    await removeStalledIncoming(this.storage.incomingDir, stalledCutoff);
    let removed = 0;
    for (;;) {
      const keys = storedKeys(await this.repo.deleteUnsentBefore(cutoff, BATCH_ROWS));
      if (keys.length === 0) return removed;
      removed += keys.length;
      await this.storage.remove(keys);
    }
  }
}
