import type { LiveFigures } from '@mostrador/shared';

/** The least time between two computations of one site's live figures. */
export const LIVE_DEBOUNCE_MS = 1000;

/** What the live figures are read from: the reports' own reads and the team's presence. */
export interface LivePorts {
  counts(siteId: string): { inProgress: number; queued: number };
  agentsOnline(siteId: string): number;
  firstResponseToday(siteId: string): { date: string; timeZone: string; medianSeconds: number | null };
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
 */
export class LiveBoard {
  readonly #pending = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #lastSent = new Map<string, string>();

  constructor(
    private readonly ports: LivePorts,
    private readonly debounceMs = LIVE_DEBOUNCE_MS,
    private readonly failed: (err: unknown) => void = () => {},
  ) {}

  figures(siteId: string): LiveFigures {
    const today = this.ports.firstResponseToday(siteId);
    return {
      ...this.ports.counts(siteId),
      agentsOnline: this.ports.agentsOnline(siteId),
      firstResponseMedianSeconds: today.medianSeconds,
      date: today.date,
      timeZone: today.timeZone,
    };
  }

  /** An admin started watching: what it was handed is what later changes compare with. */
  watching(siteId: string): LiveFigures {
    const figures = this.figures(siteId);
    this.#lastSent.set(siteId, JSON.stringify(figures));
    return figures;
  }

  /** Something on the site may have changed a figure. Cheap: called on the message path. */
  touch(siteId: string): void {
    if (this.#pending.has(siteId) || !this.ports.watched(siteId)) return;
    const timer = setTimeout(() => {
      this.#pending.delete(siteId);
      this.#recompute(siteId);
    }, this.debounceMs);
    timer.unref?.();
    this.#pending.set(siteId, timer);
  }

  close(): void {
    for (const timer of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
  }

  #recompute(siteId: string): void {
    if (!this.ports.watched(siteId)) {
      this.#lastSent.delete(siteId);
      return;
    }
    try {
      const figures = this.figures(siteId);
      const key = JSON.stringify(figures);
      if (this.#lastSent.get(siteId) === key) return;
      this.#lastSent.set(siteId, key);
      this.ports.changed(siteId, figures);
    } catch (err) {
      this.failed(err);
    }
  }
}
