import { backoffDelayMs, type BackoffPolicy } from './backoff.ts';
import { localRateLimits, type RateLimits, type SharedBackoff, type SharedBuckets } from './rate-limits.ts';
import { askRedis, type RedisClient } from './redis-client.ts';
import type { Rate } from './token-bucket.ts';

/**
 * TokenBucket.take, as one atomic step in Redis: the same arithmetic on the
 * hash's two numbers (tokens, when), which expires once the bucket would be
 * full again, so only spending keys are held. ARGV: now, burst, perSecond, count.
 */
const TAKE = `
local now, burst, perSecond, count = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
if burst == 0 then return 0 end
local held = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(held[1]) or burst
local at = tonumber(held[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * perSecond / 1000)
local wait = 0
if tokens >= count then
  tokens = tokens - count
elseif perSecond > 0 and count <= burst then
  wait = math.ceil((count - tokens) * 1000 / perSecond)
else
  wait = 3600000
end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
local untilFull = 3600000
if perSecond > 0 then untilFull = math.ceil((burst - tokens) * 1000 / perSecond) end
redis.call('PEXPIRE', KEYS[1], untilFull + 1000)
return wait
`;

/**
 * KeyedBackoff.begin, as one atomic step: the wait if the key is held back,
 * else 0 with the attempt counted. The rule for the delays stays in
 * backoffDelayMs: the caller passes the delay for each count, 1, 2, … up
 * to the ceiling (a short list), and the script picks its count's, or the
 * last. A key is forgotten `forgetMs` after its last failure, as in memory
 * (by the clock, and by the hash's expiry, so quiet keys are not held).
 * ARGV: now, forgetMs, the delays.
 */
const BEGIN = `
local now, forget = tonumber(ARGV[1]), tonumber(ARGV[2])
local held = redis.call('HMGET', KEYS[1], 'count', 'lastAt', 'until')
local count = tonumber(held[1]) or 0
local untilAt = tonumber(held[3]) or 0
if count > 0 and now - tonumber(held[2]) > forget then
  count = 0
  untilAt = 0
end
if untilAt > now then return untilAt - now end
count = count + 1
local delay = tonumber(ARGV[math.min(count, #ARGV - 2) + 2])
redis.call('HSET', KEYS[1], 'count', count, 'lastAt', now, 'until', now + delay)
redis.call('PEXPIRE', KEYS[1], forget + 1)
return 0
`;

/** The delays for counts 1, 2, … up to the first that reaches the ceiling (every later count has that one). */
function delaysUpToCeiling(policy: BackoffPolicy): string[] {
  const delays: string[] = [];
  for (let count = 1; ; count += 1) {
    const delay = backoffDelayMs(policy, count);
    delays.push(String(delay));
    if (delay >= policy.maxDelayMs || count > policy.freeFailures + 31) return delays;
  }
}

export interface RedisRateLimitsOptions {
  redis: RedisClient;
  /** What the keys start with (the cluster's name): `mostrador:limits:…`. */
  name: string;
  now?: () => number;
  log(error: unknown, message: string): void;
}

/**
 * The limits counted in Redis, shared by every node. While Redis is
 * unreachable (or a count fails) a node counts in its own memory instead:
 * limits per node for the outage, never a login or a shopper refused or
 * held waiting because Redis is down.
 */
export function redisRateLimits(options: RedisRateLimitsOptions): RateLimits {
  const { redis, name, now = Date.now, log } = options;
  const local = localRateLimits(now);
  const keyOf = (limit: string, key: string) => `${name}:limits:${limit}:${key}`;
  /** The script's answer, or undefined to count locally. */
  const run = async (script: string, key: string, args: string[]): Promise<number | undefined> => {
    const answer = await askRedis(
      redis,
      (client) => client.eval(script, { keys: [key], arguments: args }),
      (error) => log(error, 'rate limit not counted in Redis; counted on this node'),
    );
    return answer === undefined ? undefined : Number(answer);
  };
  return {
    buckets(limit: string, rate: Rate): SharedBuckets {
      const fallback = local.buckets(limit, rate);
      return {
        async take(key, count = 1) {
          const args = [String(now()), String(rate.burst), String(rate.perSecond), String(count)];
          return (await run(TAKE, keyOf(limit, key), args)) ?? fallback.take(key, count);
        },
      };
    },
    backoff(limit: string, policy: BackoffPolicy): SharedBackoff {
      const fallback = local.backoff(limit, policy);
      const delays = delaysUpToCeiling(policy);
      return {
        async begin(key) {
          const args = [String(now()), String(policy.forgetMs), ...delays];
          return (await run(BEGIN, keyOf(limit, key), args)) ?? fallback.begin(key);
        },
        async succeeded(key) {
          await fallback.succeeded(key);
          if (redis.isReady) await redis.del(keyOf(limit, key)).catch((error: unknown) => log(error, 'rate limit not reset in Redis'));
        },
      };
    },
  };
}
