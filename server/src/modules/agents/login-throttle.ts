import type { FastifyReply, FastifyRequest } from 'fastify';

export interface LoginThrottleOptions {
  /** Wrong passwords allowed before delays start. */
  freeFailures: number;
  /** The first delay; each further failure doubles it. */
  baseDelayMs: number;
  /** The ceiling: the real agent is never held back longer than this. */
  maxDelayMs: number;
  /** Failures are forgotten after this long without another. */
  forgetMs: number;
  /** Emails remembered at most; the oldest go first, so a spray of made-up emails cannot fill the memory. */
  maxTracked?: number;
}

interface Failures {
  count: number;
  lastAt: number;
  /** No attempt for this email is even checked before this time. */
  until: number;
}

/**
 * Growing delays per email against password guessing: after a few wrong
 * passwords each further one doubles the wait, up to a ceiling of a few
 * minutes; a right password resets it. Attempts made while held back are
 * refused unchecked (even the right password) and do not count, so the
 * wait never grows past the ceiling. @fastify/rate-limit's exponential
 * backoff has no ceiling and no reset on success, hence this small class.
 */
export class LoginThrottle {
  readonly #byEmail = new Map<string, Failures>();

  constructor(
    private readonly options: LoginThrottleOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Before a password is checked: 0, with the attempt counted as a failure
   * until `succeeded` says otherwise, or else the wait, uncounted. Counting
   * up front means guesses sent all at once cannot slip past the delays
   * while the first ones are still being checked.
   */
  begin(email: string): number {
    const wait = this.waitMs(email);
    if (wait === 0) this.failed(email);
    return wait;
  }

  /** 0 when `email` may try now, else how many milliseconds it must wait. */
  waitMs(email: string): number {
    const entry = this.#current(email);
    return entry ? Math.max(0, entry.until - this.now()) : 0;
  }

  failed(email: string): void {
    const now = this.now();
    const count = (this.#current(email)?.count ?? 0) + 1;
    const { freeFailures, baseDelayMs, maxDelayMs, maxTracked = 10_000 } = this.options;
    const over = count - freeFailures;
    const delay = over > 0 ? Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(over - 1, 30)) : 0;
    // Re-inserted, so the map's order is the order of last failure and the oldest is evicted first.
    this.#byEmail.delete(email);
    this.#byEmail.set(email, { count, lastAt: now, until: now + delay });
    if (this.#byEmail.size > maxTracked) this.#byEmail.delete(this.#byEmail.keys().next().value!);
  }

  succeeded(email: string): void {
    this.#byEmail.delete(email);
  }

  #current(email: string): Failures | undefined {
    const entry = this.#byEmail.get(email);
    if (entry && this.now() - entry.lastAt > this.options.forgetMs) {
      this.#byEmail.delete(email);
      return undefined;
    }
    return entry;
  }
}

/** The login route's limits, spread into its options: per address (@fastify/rate-limit) and per email (LoginThrottle). */
export function loginRouteLimits(throttle: LoginThrottle, perIpPerMinute: number) {
  const emailOf = (request: FastifyRequest) => (request.body as { email: string }).email;
  return {
    ...(perIpPerMinute > 0 ? { config: { rateLimit: { max: perIpPerMinute, timeWindow: 60_000 } } } : {}),
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
      const wait = throttle.begin(emailOf(request));
      if (wait === 0) return;
      reply.header('retry-after', String(Math.ceil(wait / 1000)));
      return reply.status(429).send({
        error: { code: 'rate_limited', message: 'Too many failed attempts, try again later', retryAfterMs: Math.ceil(wait) },
      });
    },
    // Only a logged-in answer takes the attempt back: the route itself stays unaware of the throttle.
    onResponse: async (request: FastifyRequest, reply: FastifyReply) => {
      if (reply.statusCode === 200) throttle.succeeded(emailOf(request));
    },
  };
}
