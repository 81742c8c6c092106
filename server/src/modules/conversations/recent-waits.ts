/** Waits older than this say little about the queue now. */
const WINDOW_MS = 60 * 60_000;
const KEEP = 20;
/** Conversations assigned as they arrived never queued: they say nothing about the line. */
const QUEUED_SECONDS = 1;

/**
 * The last few real queue waits of a site (seconds), for the estimate the
 * widget shows: the median of those within the last hour, so one visitor
 * forgotten for an hour does not make everyone's estimate an hour.
 */
export class RecentWaits {
  readonly #waits: Array<{ seconds: number; at: number }> = [];

  add(seconds: number, at: number): void {
    if (!(seconds >= QUEUED_SECONDS)) return;
    this.#waits.push({ seconds, at });
    if (this.#waits.length > KEEP) this.#waits.shift();
  }

  /** Undefined until a wait within the window is known. */
  typicalSeconds(now: number): number | undefined {
    const recent = this.#waits
      .filter((w) => now - w.at <= WINDOW_MS)
      .map((w) => w.seconds)
      .sort((a, b) => a - b);
    return recent.length === 0 ? undefined : recent[Math.floor(recent.length / 2)];
  }
}
