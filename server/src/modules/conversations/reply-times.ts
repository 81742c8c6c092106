import { andThen, type InTx } from '../../db/committer.ts';
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
    /** Milliseconds to the first reply of each qualifying chat begun since then (ConversationsStore.firstReplyWaits). */
    private readonly waitsSince: (siteId: string, since: number) => InTx<number[]>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The figure, read again at most every few minutes. A read the engine
   * answers later (PostgreSQL) leaves the last figure (none at first) for
   * this handshake and refreshes it for the next ones.
   */
  medianSeconds(siteId: string): number | null {
    const now = this.now();
    const cached = this.#cache.get(siteId);
    if (cached && now - cached.at < CACHE_MS) return cached.seconds;
    const computed = andThen(this.waitsSince(siteId, now - WINDOW_MS), (waits) => {
      const seconds = medianOf(waits);
      this.#cache.set(siteId, { at: now, seconds });
      return seconds;
    });
    if (!(computed instanceof Promise)) return computed;
    // Only one read at a time per site: the stale figure stands until it lands.
    this.#cache.set(siteId, { at: now, seconds: cached?.seconds ?? null });
    computed.catch(() => this.#cache.delete(siteId));
    return cached?.seconds ?? null;
  }
}

/** The median in whole seconds, or none with too few samples. */
function medianOf(unsorted: number[]): number | null {
  const waits = unsorted.sort((a, b) => a - b);
  if (waits.length < MIN_REPLY_SAMPLES) return null;
  const mid = waits.length >> 1;
  const median = waits.length % 2 ? waits[mid]! : (waits[mid - 1]! + waits[mid]!) / 2;
  return Math.round(median / 1000);
}
