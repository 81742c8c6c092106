import type { FastifyReply, FastifyRequest } from 'fastify';
import { limitKey } from '../../realtime/client-ip.ts';
import type { SharedBackoff, SharedBuckets } from '../../realtime/rate-limits.ts';

/** Refuses with 429, Retry-After and the wait, as every rate limit answers. */
function refuse(reply: FastifyReply, waitMs: number, message: string) {
  reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
  return reply.status(429).send({ error: { code: 'rate_limited', message, retryAfterMs: Math.ceil(waitMs) } });
}

/**
 * The login route's limits, spread into its options: attempts per address
 * (a token bucket: a minute's worth at once, then refilled) and growing
 * delays per email against password guessing (a right password resets
 * them). Both are counted where the nodes share them (rate-limits.ts), so
 * a balancer spreading the guesses over nodes does not multiply them.
 */
export function loginRouteLimits(perEmail: SharedBackoff, perAddress: SharedBuckets | null) {
  const emailOf = (request: FastifyRequest) => (request.body as { email: string }).email;
  return {
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
      const addressWait = perAddress ? await perAddress.take(limitKey(request.ip)) : 0;
      if (addressWait > 0) return refuse(reply, addressWait, 'Too many login attempts from this address, try again later');
      const wait = await perEmail.begin(emailOf(request));
      if (wait > 0) return refuse(reply, wait, 'Too many failed attempts, try again later');
    },
    // Only a logged-in answer takes the attempt back: the route itself stays unaware of the throttle.
    onResponse: async (request: FastifyRequest, reply: FastifyReply) => {
      if (reply.statusCode === 200) await perEmail.succeeded(emailOf(request));
    },
  };
}
