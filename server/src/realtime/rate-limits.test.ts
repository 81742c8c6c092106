import { afterEach, describe, expect, it } from 'vitest';
import { deleteClusterKeys, eventually, SHARED_REDIS_URL, startPrivateRedis, uniqueRedisName } from '../testing/redis.ts';
import { localRateLimits, type RateLimits } from './rate-limits.ts';
import { redisRateLimits } from './rate-limits.redis.ts';
import { closeRedis, openRedis, type RedisClient } from './redis-client.ts';

const quiet = { info: () => undefined, warn: () => undefined };
const clock = { now: 0 };
const now = () => clock.now;

const opened: RedisClient[] = [];
const names: string[] = [];
afterEach(async () => {
  for (const redis of opened.splice(0)) await closeRedis(redis);
  for (const name of names.splice(0)) await deleteClusterKeys(name);
  clock.now = 0;
});

/** A node's limits in the shared Redis under `name`, its client ready. */
async function redisNode(
  name: string,
  url = SHARED_REDIS_URL,
  logged: unknown[] = [],
): Promise<{ limits: RateLimits; redis: RedisClient }> {
  const redis = openRedis(url, quiet);
  opened.push(redis);
  await eventually('Redis ready', () => redis.isReady);
  return { limits: redisRateLimits({ redis, name, now, log: (error) => logged.push(error) }), redis };
}

const stores: Array<[string, () => Promise<RateLimits>]> = [
  ['in memory', async () => localRateLimits(now)],
  [
    'in Redis',
    async () => {
      const name = uniqueRedisName('limits');
      names.push(name);
      return (await redisNode(name)).limits;
    },
  ],
];

describe.each(stores)('rate limits %s', (_store, open) => {
  it('grants a burst, then answers the wait until the next token, refilled from the clock', async () => {
    const buckets = (await open()).buckets('logins', { burst: 3, perSecond: 2 });
    expect([await buckets.take('a'), await buckets.take('a'), await buckets.take('a')]).toEqual([0, 0, 0]);
    expect(await buckets.take('a')).toBe(500);
    clock.now = 200;
    expect(await buckets.take('a')).toBe(300);
    clock.now = 500;
    expect(await buckets.take('a')).toBe(0);
    // A long quiet spell gives back the burst, not more.
    clock.now = 60_000;
    expect([await buckets.take('a'), await buckets.take('a'), await buckets.take('a'), await buckets.take('a')]).toEqual([0, 0, 0, 500]);
  });

  it('keeps keys and limits apart, takes several tokens at once, and never grants more than the burst', async () => {
    const limits = await open();
    const megabytes = limits.buckets('uploads', { burst: 10, perSecond: 2 });
    const logins = limits.buckets('logins', { burst: 1, perSecond: 1 });
    expect(await megabytes.take('a', 8)).toBe(0);
    expect(await megabytes.take('a', 4)).toBe(1_000);
    expect(await megabytes.take('b', 10)).toBe(0);
    expect(await logins.take('a')).toBe(0);
    expect(await megabytes.take('c', 11)).toBe(3_600_000);
  });

  it('switches off with a burst of 0', async () => {
    const off = (await open()).buckets('off', { burst: 0, perSecond: 0 });
    for (let i = 0; i < 5; i += 1) expect(await off.take('a')).toBe(0);
  });

  it('lets the free failures through, then doubles the wait to the ceiling, refusing held attempts uncounted', async () => {
    const backoff = (await open()).backoff('login', { freeFailures: 2, baseDelayMs: 1_000, maxDelayMs: 4_000, forgetMs: 60_000 });
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      expect(await backoff.begin('a@shop.example')).toBe(0);
      // The failure just counted sets the wait the next attempt meets.
      const wait = await backoff.begin('a@shop.example');
      waits.push(wait);
      clock.now += Math.max(wait, 1);
    }
    // The first round's probe came after a free failure, so it counted too (2 failures); every later round adds one,
    // as the probe was held back uncounted: 3 failures wait 1 s, 4 wait 2 s, then the ceiling.
    expect(waits).toEqual([0, 1_000, 2_000, 4_000, 4_000, 4_000]);
  });

  it('resets on success, forgets after a quiet spell, and keeps keys apart', async () => {
    const backoff = (await open()).backoff('login', { freeFailures: 1, baseDelayMs: 1_000, maxDelayMs: 8_000, forgetMs: 60_000 });
    await backoff.begin('a@shop.example');
    await backoff.begin('a@shop.example');
    expect(await backoff.begin('a@shop.example')).toBe(1_000);
    expect(await backoff.begin('b@shop.example')).toBe(0);
    await backoff.succeeded('a@shop.example');
    expect(await backoff.begin('a@shop.example')).toBe(0);
    expect(await backoff.begin('a@shop.example')).toBe(0);
    expect(await backoff.begin('a@shop.example')).toBe(1_000);
    clock.now = 61_001;
    expect(await backoff.begin('a@shop.example')).toBe(0);
    expect(await backoff.begin('a@shop.example')).toBe(0);
  });
});

describe('rate limits in Redis, across nodes', () => {
  it('gives an address one budget and an email one backoff whichever node it reaches', async () => {
    const name = uniqueRedisName('limits');
    names.push(name);
    const [a, b] = [await redisNode(name), await redisNode(name)];
    const rate = { burst: 2, perSecond: 1 };
    expect(await a.limits.buckets('new-visitors', rate).take('203.0.113.7')).toBe(0);
    expect(await b.limits.buckets('new-visitors', rate).take('203.0.113.7')).toBe(0);
    expect(await a.limits.buckets('new-visitors', rate).take('203.0.113.7')).toBe(1_000);
    expect(await b.limits.buckets('new-visitors', rate).take('203.0.113.7')).toBe(1_000);

    const policy = { freeFailures: 1, baseDelayMs: 5_000, maxDelayMs: 5_000, forgetMs: 60_000 };
    expect(await a.limits.backoff('login', policy).begin('nuria@shop.example')).toBe(0);
    expect(await b.limits.backoff('login', policy).begin('nuria@shop.example')).toBe(0);
    expect(await a.limits.backoff('login', policy).begin('nuria@shop.example')).toBe(5_000);
    await b.limits.backoff('login', policy).succeeded('nuria@shop.example');
    expect(await a.limits.backoff('login', policy).begin('nuria@shop.example')).toBe(0);
  });

  it('holds only spending keys: a bucket expires once it would be full again, a backoff once it is forgotten', async () => {
    const name = uniqueRedisName('limits');
    names.push(name);
    const { limits, redis } = await redisNode(name);
    await limits.buckets('uploads', { burst: 10, perSecond: 2 }).take('a', 4);
    await limits.backoff('login', { freeFailures: 3, baseDelayMs: 1_000, maxDelayMs: 1_000, forgetMs: 30_000 }).begin('a');
    const bucketTtl = await redis.pTTL(`${name}:limits:uploads:a`);
    const backoffTtl = await redis.pTTL(`${name}:limits:login:a`);
    // 4 tokens at 2 a second: full again in 2 s, kept a second longer.
    expect(bucketTtl).toBeGreaterThan(2_500);
    expect(bucketTtl).toBeLessThanOrEqual(3_000);
    expect(backoffTtl).toBeGreaterThan(29_000);
    expect(backoffTtl).toBeLessThanOrEqual(30_001);
  });

  it('counts on the node while Redis is down, without waiting for it, and in Redis again once it is back', async () => {
    const server = await startPrivateRedis();
    try {
      const logged: unknown[] = [];
      const { limits, redis } = await redisNode('mostrador', server.url, logged);
      const buckets = limits.buckets('new-visitors', { burst: 1, perSecond: 1 });
      expect(await buckets.take('a')).toBe(0);
      await server.kill();
      await eventually('client sees Redis gone', () => !redis.isReady);
      // The node's own count: this node's first take of the key, then its wait.
      expect(await buckets.take('a')).toBe(0);
      expect(await buckets.take('a')).toBe(1_000);
      await server.start();
      await eventually('client reconnected', () => redis.isReady);
      // Redis came back empty: the count starts again there.
      expect(await buckets.take('a')).toBe(0);
      expect(await buckets.take('a')).toBe(1_000);
      expect(await redis.exists('mostrador:limits:new-visitors:a')).toBe(1);
    } finally {
      await server.kill();
    }
  });
});
