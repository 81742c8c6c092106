import { zonedInstant, type LiveFigures, type LiveFilter } from '@mostrador/shared';
import { dateDayNumber, liveFilterKey } from '@mostrador/shared/reports';
import type { LiveCounts } from './live.repository.ts';

/** The least time between two computations of one site's live figures. */
export const LIVE_DEBOUNCE_MS = 1000;

/**
 * What the live figures are read from: the reports' own reads (on either
 * engine) and the team's presence, each narrowed by the filter as
 * `LIVE_FILTERS_APPLIED` says.
 */
export interface LivePorts {
  counts(siteId: string, filter: LiveFilter): Promise<LiveCounts>;
  agentsOnline(siteId: string, filter: LiveFilter): number;
  firstResponseToday(siteId: string, filter: LiveFilter): Promise<{ date: string; timeZone: string; medianSeconds: number | null }>;
  /** Whether any admin of the site has the Reports page open: no one watching, nothing computed. */
  watched(siteId: string): boolean;
  /** The filters the site's admins watch now, on any node, each once. */
  filtersWatched(siteId: string): LiveFilter[];
  /** Tells the site's admins watching with `figures.filter`. */
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
  /** Per site, per filter (its `liveFilterKey`): the figures last sent, as JSON. */
  readonly #lastSent = new Map<string, Map<string, string>>();
  /** Each site's reading under way, if any: the next waits for it. */
  readonly #reading = new Map<string, Promise<unknown>>();
  /** Each watched site's timer for its next local midnight, and that instant. */
  readonly #midnight = new Map<string, { at: number; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly ports: LivePorts,
    private readonly debounceMs = LIVE_DEBOUNCE_MS,
    private readonly failed: (err: unknown) => void = () => {},
  ) {}

  async figures(siteId: string, filter: LiveFilter = {}): Promise<LiveFigures> {
    const [counts, today] = await Promise.all([this.ports.counts(siteId, filter), this.ports.firstResponseToday(siteId, filter)]);
    return {
      filter,
      ...counts,
      agentsOnline: this.ports.agentsOnline(siteId, filter),
      firstResponseMedianSeconds: today.medianSeconds,
      date: today.date,
      timeZone: today.timeZone,
    };
  }

  /** An admin started watching with a filter: what it was handed is what later changes for that filter compare with. */
  watching(siteId: string, filter: LiveFilter = {}): Promise<LiveFigures> {
    return this.#inTurn(siteId, async () => {
      const figures = await this.figures(siteId, filter);
      this.#sentOf(siteId).set(liveFilterKey(filter), JSON.stringify(figures));
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

  #sentOf(siteId: string): Map<string, string> {
    let sent = this.#lastSent.get(siteId);
    if (!sent) this.#lastSent.set(siteId, (sent = new Map()));
    return sent;
  }

  /** Each watched filter's figures, read one after another (a site has few), sent to its watchers when they changed. */
  async #recompute(siteId: string): Promise<void> {
    const filters = this.ports.watched(siteId) ? this.ports.filtersWatched(siteId) : [];
    const sent = this.#sentOf(siteId);
    const keys = new Map(filters.map((filter) => [liveFilterKey(filter), filter]));
    // A filter nobody watches any more is forgotten: a later watcher is handed fresh figures anyway.
    for (const key of sent.keys()) if (!keys.has(key)) sent.delete(key);
    if (keys.size === 0) {
      this.#lastSent.delete(siteId);
      const armed = this.#midnight.get(siteId);
      if (armed) clearTimeout(armed.timer);
      this.#midnight.delete(siteId);
      return;
    }
    for (const [key, filter] of keys) {
      try {
        const figures = await this.figures(siteId, filter);
        this.#untilMidnight(siteId, figures);
        const json = JSON.stringify(figures);
        if (sent.get(key) === json) continue;
        sent.set(key, json);
        this.ports.changed(siteId, figures);
      } catch (err) {
        this.failed(err);
      }
    }
  }
}
