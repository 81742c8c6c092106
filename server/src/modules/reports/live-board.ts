import { zonedInstant, type LiveFigures } from '@mostrador/shared';
import { dateDayNumber } from '@mostrador/shared/reports';

/** The least time between two computations of one site's live figures. */
export const LIVE_DEBOUNCE_MS = 1000;

/** What the live figures are read from: the reports' own reads (on either engine) and the team's presence. */
export interface LivePorts {
  counts(siteId: string): Promise<{ inProgress: number; queued: number }>;
  agentsOnline(siteId: string): number;
  firstResponseToday(siteId: string): Promise<{ date: string; timeZone: string; medianSeconds: number | null }>;
  /** Whether any admin of the site has the Reports page open: no one watching, nothing computed. */
  watched(siteId: string): boolean;
  /** Tells the site's watching admins. */
  changed(siteId: string, figures: LiveFigures): void;
}

/**
 * The "Live now" figures of each watched site. The message path only calls
 * `touch`, which notes the site and at most starts a timer; the reads run in
 * that timer, once per site per `LIVE_DEBOUNCE_MS` however many changes came
 * meanwhile (a trailing throttle, so a busy site still gets a figure every
 * second), and go out only when they differ from the last ones sent.
 * The reads wait on the database, so one site's readings run one after
 * another: a slow one cannot land after, and overwrite, a later one.
 */
export class LiveBoard {
  readonly #pending = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #lastSent = new Map<string, string>();
  /** Each site's reading under way, if any: the next waits for it. */
  readonly #reading = new Map<string, Promise<unknown>>();
  /** Each watched site's timer for its next local midnight, and that instant. */
  readonly #midnight = new Map<string, { at: number; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly ports: LivePorts,
    private readonly debounceMs = LIVE_DEBOUNCE_MS,
    private readonly failed: (err: unknown) => void = () => {},
  ) {}

  async figures(siteId: string): Promise<LiveFigures> {
    const [counts, today] = await Promise.all([this.ports.counts(siteId), this.ports.firstResponseToday(siteId)]);
    return {
      ...counts,
      agentsOnline: this.ports.agentsOnline(siteId),
      firstResponseMedianSeconds: today.medianSeconds,
      date: today.date,
      timeZone: today.timeZone,
    };
  }

  /** An admin started watching: what it was handed is what later changes compare with. */
  watching(siteId: string): Promise<LiveFigures> {
    return this.#inTurn(siteId, async () => {
      const figures = await this.figures(siteId);
      this.#lastSent.set(siteId, JSON.stringify(figures));
      this.#untilMidnight(siteId, figures);
      return figures;
    });
  }

  /** Something on the site may have changed a figure. Cheap: called on the message path. */
  touch(siteId: string): void {
    if (this.#pending.has(siteId) || !this.ports.watched(siteId)) return;
    const timer = setTimeout(() => {
      this.#pending.delete(siteId);
      void this.#inTurn(siteId, () => this.#recompute(siteId));
    }, this.debounceMs);
    timer.unref?.();
    this.#pending.set(siteId, timer);
  }

  close(): void {
    for (const timer of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
    for (const { timer } of this.#midnight.values()) clearTimeout(timer);
    this.#midnight.clear();
  }

  /**
   * Today's first response starts again at the site's local midnight, when
   * nothing may happen on the site to prompt a reading: a timer touches the
   * site then. One per watched site, armed again by each reading (a changed
   * zone moves it); when it fires for a site nobody watches, nothing is read.
   */
  #untilMidnight(siteId: string, figures: LiveFigures): void {
    const at = zonedInstant(dateDayNumber(figures.date) + 1, 0, figures.timeZone);
    const armed = this.#midnight.get(siteId);
    if (armed?.at === at) return;
    if (armed) clearTimeout(armed.timer);
    const timer = setTimeout(
      () => {
        this.#midnight.delete(siteId);
        this.touch(siteId);
      },
      Math.max(0, at - Date.now()),
    );
    timer.unref?.();
    this.#midnight.set(siteId, { at, timer });
  }

  /** Runs `step` after the site's reading under way, if any. */
  #inTurn<T>(siteId: string, step: () => Promise<T>): Promise<T> {
    const result = (this.#reading.get(siteId) ?? Promise.resolve()).then(step);
    const settled = result.catch(() => undefined);
    this.#reading.set(siteId, settled);
    // Forget the site once nothing more waits on it, so a board watched by many shops over time stays small.
    void settled.then(() => {
      if (this.#reading.get(siteId) === settled) this.#reading.delete(siteId);
    });
    return result;
  }

  async #recompute(siteId: string): Promise<void> {
    if (!this.ports.watched(siteId)) {
      this.#lastSent.delete(siteId);
      const armed = this.#midnight.get(siteId);
      if (armed) clearTimeout(armed.timer);
      this.#midnight.delete(siteId);
      return;
    }
    try {
      const figures = await this.figures(siteId);
      this.#untilMidnight(siteId, figures);
      const key = JSON.stringify(figures);
      if (this.#lastSent.get(siteId) === key) return;
      this.#lastSent.set(siteId, key);
      this.ports.changed(siteId, figures);
    } catch (err) {
      this.failed(err);
    }
  }
}
