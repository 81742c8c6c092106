/** How a key's failures grow into waits. */
export interface BackoffPolicy {
  /** Failures allowed before delays start. */
  freeFailures: number;
  /** The first delay; each further failure doubles it. */
  baseDelayMs: number;
  /** The ceiling: the real owner of the key is never held back longer than this. */
  maxDelayMs: number;
  /** Failures are forgotten after this long without another. */
  forgetMs: number;
  /** Keys remembered at most (in memory); the oldest go first, so a spray of made-up keys cannot fill the memory. */
  maxTracked?: number;
}

/** The wait after `count` failures (0 while they are free). Shared by both stores, so they cannot disagree. */
export function backoffDelayMs(policy: BackoffPolicy, count: number): number {
  const over = count - policy.freeFailures;
  return over > 0 ? Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(over - 1, 30)) : 0;
}

interface Failures {
  count: number;
  lastAt: number;
  /** No attempt for this key is even checked before this time. */
  until: number;
}

/**
 * Growing delays per key (an email against password guessing), in one
 * process: after a few failures each further one doubles the wait, up to a
 * ceiling; a success resets it. Attempts made while held back are refused
 * unchecked and do not count, so the wait never grows past the ceiling.
 * @fastify/rate-limit's exponential backoff has no ceiling and no reset on
 * success, hence this small class.
 */
export class KeyedBackoff {
  readonly #byKey = new Map<string, Failures>();

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Before an attempt is checked: 0, with the attempt counted as a failure
   * until `succeeded` says otherwise, or else the wait, uncounted. Counting
   * up front means attempts sent all at once cannot slip past the delays
   * while the first ones are still being checked.
   */
  begin(key: string): number {
    const wait = this.waitMs(key);
    if (wait === 0) this.failed(key);
    return wait;
  }

  /** 0 when `key` may try now, else how many milliseconds it must wait. */
  waitMs(key: string): number {
    const entry = this.#current(key);
    return entry ? Math.max(0, entry.until - this.now()) : 0;
  }

  failed(key: string): void {
    const now = this.now();
    const count = (this.#current(key)?.count ?? 0) + 1;
    // Re-inserted, so the map's order is the order of last failure and the oldest is evicted first.
    this.#byKey.delete(key);
    this.#byKey.set(key, { count, lastAt: now, until: now + backoffDelayMs(this.policy, count) });
    if (this.#byKey.size > (this.policy.maxTracked ?? 10_000)) this.#byKey.delete(this.#byKey.keys().next().value!);
  }

  succeeded(key: string): void {
    this.#byKey.delete(key);
  }

  #current(key: string): Failures | undefined {
    const entry = this.#byKey.get(key);
    if (entry && this.now() - entry.lastAt > this.policy.forgetMs) {
      this.#byKey.delete(key);
      return undefined;
    }
    return entry;
  }
}
