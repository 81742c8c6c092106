import { MAX_REFUSED_ORIGINS, RefusedOrigin } from '@mostrador/shared';
import type { z } from 'zod';
import type { NodeDirectory } from '../../realtime/node-directory.ts';
import { normalizeOrigin } from './origin.ts';

/** One warning per origin per site within this window: a busy shop's every page view would flood the log. */
export const REFUSAL_LOG_INTERVAL_MS = 60 * 60 * 1000;

export interface RefusalLog {
  warn(details: object, message: string): void;
}

/** What a node tells the others of an origin it refused (an entry of the cluster's directory, scope: site, id: origin). */
export const SharedRefusal = RefusedOrigin.pick({ lastSeenAt: true, count: true });
export type SharedRefusal = z.infer<typeof SharedRefusal>;

/** An origin refused again and again is told to the other nodes at most this often, not at every page view. */
export const REFUSAL_SHARE_INTERVAL_MS = 60_000;

interface Refusal extends RefusedOrigin {
  loggedAt: number;
  sharedAt: number;
}

/**
 * The shop origins whose visitor sockets were refused lately, per site, so a
 * merchant who pasted the tag on a page the site does not allow finds out
 * (in the log and in the console) instead of facing a silent widget.
 * Kept in memory only: it is a hint, not a record. Anyone can send any Origin
 * header, so only well-formed origins are kept, and at most the
 * MAX_REFUSED_ORIGINS most recently seen per site. In a cluster each node
 * tells the others what it refused (through `shared`), so the console lists
 * the refusals of every node, whichever node the admin's page asks.
 */
export class RefusedOrigins {
  readonly #bySite = new Map<string, Map<string, Refusal>>();

  constructor(
    private readonly log: RefusalLog,
    private readonly now: () => number = Date.now,
    private readonly shared: NodeDirectory<SharedRefusal> | null = null,
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
      : { origin, lastSeenAt: at, count: 1, loggedAt: -Infinity, sharedAt: -Infinity };
    site.set(origin, refusal);
    if (site.size > MAX_REFUSED_ORIGINS) {
      const oldest = site.keys().next().value!;
      site.delete(oldest);
      this.shared?.remove(siteId, oldest);
    }
    if (this.shared && at - refusal.sharedAt >= REFUSAL_SHARE_INTERVAL_MS) {
      refusal.sharedAt = at;
      this.shared.put(siteId, origin, { lastSeenAt: at, count: refusal.count });
    }
    if (at - refusal.loggedAt >= REFUSAL_LOG_INTERVAL_MS) {
      refusal.loggedAt = at;
      this.log.warn(
        { siteId, origin },
        'visitor socket refused: the page origin is not in the site allowed origins (console: Admin → Site and widget)',
      );
    }
  }

  /** Most recently seen first, this node's with the other nodes' (counts added up). */
  list(siteId: string): RefusedOrigin[] {
    const merged = new Map<string, RefusedOrigin>();
    for (const { origin, lastSeenAt, count } of [...(this.#bySite.get(siteId)?.values() ?? [])].reverse()) {
      merged.set(origin, { origin, lastSeenAt, count });
    }
    for (const { id: origin, node, value } of this.shared?.entries(siteId) ?? []) {
      if (node === this.shared?.nodeId) continue;
      const known = merged.get(origin);
      merged.set(origin, {
        origin,
        lastSeenAt: Math.max(known?.lastSeenAt ?? 0, value.lastSeenAt),
        count: (known?.count ?? 0) + value.count,
      });
    }
    // A stable sort: among equal times, this node's newest stays first.
    return [...merged.values()].sort((a, b) => b.lastSeenAt - a.lastSeenAt).slice(0, MAX_REFUSED_ORIGINS);
  }

  /** The origin is allowed now: it is no longer news. */
  forget(siteId: string, origin: string): void {
    this.#bySite.get(siteId)?.delete(origin);
    this.shared?.remove(siteId, origin);
  }
}
