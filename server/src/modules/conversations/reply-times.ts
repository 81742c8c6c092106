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
    /** Milliseconds to the first reply of each qualifying chat begun since then (ConversationsRepository.firstReplyWaits). */
    private readonly waitsSince: (siteId: string, since: number) => number[],
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
    const waits = this.waitsSince(siteId, now - WINDOW_MS).sort((a, b) => a - b);
    if (waits.length < MIN_REPLY_SAMPLES) return null;
    const mid = waits.length >> 1;
    const median = waits.length % 2 ? waits[mid]! : (waits[mid - 1]! + waits[mid]!) / 2;
    return Math.round(median / 1000);
  }
}
