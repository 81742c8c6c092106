/** A token bucket's size: `burst` at once, refilled at `perSecond`. */
export interface Rate {
  burst: number;
  perSecond: number;
}

/** What a refusal asks for when the rate never refills (`perSecond` 0). */
const NEVER_MS = 60 * 60 * 1000;

/**
 * A token bucket: `burst` takes at once, then `perSecond`. The refill is
 * worked out from the last timestamp on each take, so a bucket costs two
 * numbers, no timer and no allocation per take. A `burst` of 0 switches
 * the limit off.
 */
export class TokenBucket {
  #tokens: number;
  #at: number;

  constructor(
    private readonly rate: Rate,
    now: number,
  ) {
    this.#tokens = rate.burst;
    this.#at = now;
  }

  /**
   * Takes `count` tokens (one by default): 0 when granted, else how many
   * milliseconds until they are due. A count above the burst is never granted.
   */
  take(now: number, count = 1): number {
    const { burst, perSecond } = this.rate;
    if (burst === 0) return 0;
    const tokens = Math.min(burst, this.#tokens + (Math.max(0, now - this.#at) * perSecond) / 1000);
    this.#at = now;
    if (tokens >= count) {
      this.#tokens = tokens - count;
      return 0;
    }
    this.#tokens = tokens;
    return perSecond > 0 && count <= burst ? Math.ceil(((count - tokens) * 1000) / perSecond) : NEVER_MS;
  }

  /** Whether it would be full again by `now`: such a bucket can be forgotten and made afresh. */
  isFull(now: number): boolean {
    const { burst, perSecond } = this.rate;
    return this.#tokens + (Math.max(0, now - this.#at) * perSecond) / 1000 >= burst;
  }
}

/**
 * One bucket per key (a client address). Full buckets are dropped now and
 * then, on a take, so the map holds only the keys that are spending.
 */
export class KeyedBuckets {
  readonly #buckets = new Map<string, TokenBucket>();
  #sweptAt: number;

  constructor(
    private readonly rate: Rate,
    private readonly now: () => number = Date.now,
    private readonly sweepEveryMs = 60_000,
  ) {
    this.#sweptAt = now();
  }

  /** Takes `count` tokens (one by default) for `key`: 0 when granted, else how many milliseconds until they are due. */
  take(key: string, count = 1): number {
    const now = this.now();
    if (now - this.#sweptAt >= this.sweepEveryMs) this.#sweep(now);
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.rate, now);
      this.#buckets.set(key, bucket);
    }
    return bucket.take(now, count);
  }

  /** How many keys are held; for tests. */
  get size(): number {
    return this.#buckets.size;
  }

  #sweep(now: number): void {
    this.#sweptAt = now;
    for (const [key, bucket] of this.#buckets) if (bucket.isFull(now)) this.#buckets.delete(key);
  }
}
