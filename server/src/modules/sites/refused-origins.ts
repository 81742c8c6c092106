import { MAX_REFUSED_ORIGINS, type RefusedOrigin } from '@mostrador/shared';
import { normalizeOrigin } from './origin.ts';

/** One warning per origin per site within this window: a busy shop's every page view would flood the log. */
export const REFUSAL_LOG_INTERVAL_MS = 60 * 60 * 1000;

export interface RefusalLog {
  warn(details: object, message: string): void;
}

interface Refusal extends RefusedOrigin {
  loggedAt: number;
}

/**
 * The shop origins whose visitor sockets were refused lately, per site, so a
 * merchant who pasted the tag on a page the site does not allow finds out
 * (in the log and in the console) instead of facing a silent widget.
 * Kept in memory only: it is a hint, not a record. Anyone can send any Origin
 * header, so only well-formed origins are kept, and at most the
 * MAX_REFUSED_ORIGINS most recently seen per site.
 */
export class RefusedOrigins {
  readonly #bySite = new Map<string, Map<string, Refusal>>();

  constructor(
    private readonly log: RefusalLog,
    private readonly now: () => number = Date.now,
  ) {}

  /** Notes a refused handshake; logs a warning the first time an origin is seen each hour. */
  record(siteId: string, rawOrigin: string | undefined): void {
    const origin = rawOrigin ? normalizeOrigin(rawOrigin) : null;
    if (!origin || origin.length > 200) return;
    const at = this.now();
    let site = this.#bySite.get(siteId);
    if (!site) this.#bySite.set(siteId, (site = new Map()));
    const known = site.get(origin);
    // Re-inserted so the map's order stays least recently seen first.
    site.delete(origin);
    const refusal: Refusal = known
      ? { ...known, lastSeenAt: at, count: known.count + 1 }
      : { origin, lastSeenAt: at, count: 1, loggedAt: -Infinity };
    site.set(origin, refusal);
    if (site.size > MAX_REFUSED_ORIGINS) site.delete(site.keys().next().value!);
    if (at - refusal.loggedAt >= REFUSAL_LOG_INTERVAL_MS) {
      refusal.loggedAt = at;
      this.log.warn(
        { siteId, origin },
        'visitor socket refused: the page origin is not in the site allowed origins (console: Admin → Site and widget)',
      );
    }
  }

  /** Most recently seen first. */
  list(siteId: string): RefusedOrigin[] {
    const site = [...(this.#bySite.get(siteId)?.values() ?? [])].reverse();
    return site.map(({ origin, lastSeenAt, count }) => ({ origin, lastSeenAt, count }));
  }

  /** The origin is allowed now: it is no longer news. */
  forget(siteId: string, origin: string): void {
    this.#bySite.get(siteId)?.delete(origin);
  }
}
