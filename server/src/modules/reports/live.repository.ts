import type { LiveFilter } from '@mostrador/shared';

/** What "Live now" counts among a site's open conversations. */
export interface LiveCounts {
  inProgress: number;
  queued: number;
  ticketsOpen: number;
  ticketsWaiting: number;
}

/**
 * The live counts' read, on either engine (live.repository.test.ts holds both
 * to one contract): one pass over the site's open conversations, at most once
 * a second per watched filter, never on the message path.
 */
export interface LiveRepository {
  /**
   * The site's open conversations now, narrowed by the filter as
   * `LIVE_FILTERS_APPLIED` says: the department, origin and tag narrow every
   * count; the agent narrows all but the queue (a queued chat has no agent).
   */
  liveCounts(siteId: string, filter: LiveFilter): Promise<LiveCounts>;
}
