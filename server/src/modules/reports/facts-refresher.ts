/** How often the changed conversations' stored facts are brought up to date. */
export const FACTS_REFRESH_MS = 10_000;
/** Looking back a little further than the last pass: a change written with a slightly earlier clock is still found. */
const SLACK_MS = 5_000;

/**
 * Keeps the stored report facts of busy sites fresh, so a report seldom
 * recomputes a row. A change only notes its site (`touch`, a map write, on
 * the message path's broadcast and nothing more); a timer then refreshes the
 * conversations each noted site changed since its last pass, one site at a
 * time. Nothing is lost if the process stops: a report finds any row still
 * stale by comparing it with its conversation, and recomputes it then.
 */
export class FactsRefresher {
  /** Each noted site, and since when its changes are not refreshed yet. */
  readonly #due = new Map<string, number>();
  readonly #timer: NodeJS.Timeout;
  #running: Promise<void> = Promise.resolve();

  constructor(
    private readonly refresh: (siteId: string, since: number) => Promise<number>,
    intervalMs = FACTS_REFRESH_MS,
    private readonly onError: (err: unknown) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.#timer = setInterval(() => void this.pass(), intervalMs);
    this.#timer.unref();
  }

  /** A change of the site was committed (and broadcast): refresh from a little before now, unless already due from earlier. */
  touch(siteId: string): void {
    if (!this.#due.has(siteId)) this.#due.set(siteId, this.now() - SLACK_MS);
  }

  /** One pass over the noted sites (the timer's; tests call it). */
  pass(): Promise<void> {
    this.#running = this.#running.then(async () => {
      const sites = [...this.#due];
      this.#due.clear();
      for (const [siteId, since] of sites) {
        try {
          await this.refresh(siteId, since);
        } catch (err) {
          // Tried again at the next pass, from the same moment.
          this.#due.set(siteId, Math.min(since, this.#due.get(siteId) ?? since));
          this.onError(err);
        }
      }
    });
    return this.#running;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }
}
