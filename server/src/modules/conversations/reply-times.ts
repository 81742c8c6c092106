import { and, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { conversations } from '../../db/schema.ts';

/** Conversations older than this say little about how the team answers now. */
const WINDOW_MS = 14 * 24 * 60 * 60_000;
/** Fewer than this and "we usually reply within…" would be an anecdote: the widget says nothing. */
export const MIN_REPLY_SAMPLES = 3;
/** Read again at most this often per site: the handshake asks on every page view. */
const CACHE_MS = 5 * 60_000;

/**
 * How long a site's team has lately taken to answer a shopper's first
 * message: the median, over the last two weeks, of the time from a live chat's
 * first message to its first agent reply. Real data only: tickets (begun
 * while nobody was online) and chats the shop began are left out, and with
 * too few chats there is no figure at all.
 */
export class ReplyTimes {
  readonly #cache = new Map<string, { at: number; seconds: number | null }>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  medianSeconds(siteId: string): number | null {
    const now = this.now();
    const cached = this.#cache.get(siteId);
    if (cached && now - cached.at < CACHE_MS) return cached.seconds;
    const seconds = this.#compute(siteId, now);
    this.#cache.set(siteId, { at: now, seconds });
    return seconds;
  }

  #compute(siteId: string, now: number): number | null {
    const rows = this.db
      .select({ createdAt: conversations.createdAt, firstResponseAt: conversations.firstResponseAt })
      .from(conversations)
      .where(
        and(
          eq(conversations.siteId, siteId),
          eq(conversations.origin, 'visitor'),
          isNull(conversations.ticketSince),
          isNotNull(conversations.firstResponseAt),
          gt(conversations.createdAt, now - WINDOW_MS),
        ),
      )
      .all();
    if (rows.length < MIN_REPLY_SAMPLES) return null;
    const waits = rows.map((r) => Math.max(0, r.firstResponseAt! - r.createdAt)).sort((a, b) => a - b);
    const mid = waits.length >> 1;
    const median = waits.length % 2 ? waits[mid]! : (waits[mid - 1]! + waits[mid]!) / 2;
    return Math.round(median / 1000);
  }
}
