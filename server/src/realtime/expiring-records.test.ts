import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deleteClusterKeys, eventually, SHARED_REDIS_URL, startPrivateRedis, uniqueRedisName } from '../testing/redis.ts';
import { InMemoryExpiringRecords, type ExpiringRecords } from './expiring-records.ts';
import { RedisExpiringRecords } from './expiring-records.redis.ts';
import { closeRedis, openRedis, type RedisClient } from './redis-client.ts';

const Owner = z.object({ agentId: z.string() });
type Owner = z.infer<typeof Owner>;
const quiet = { info: () => undefined, warn: () => undefined };

const opened: RedisClient[] = [];
const names: string[] = [];
afterEach(async () => {
  for (const redis of opened.splice(0)) await closeRedis(redis);
  for (const name of names.splice(0)) await deleteClusterKeys(name);
});

async function readyRedis(url = SHARED_REDIS_URL): Promise<RedisClient> {
  const redis = openRedis(url, quiet);
  opened.push(redis);
  await eventually('Redis ready', () => redis.isReady);
  return redis;
}

/** A node's records in the shared Redis under `name`. */
async function redisRecords(name: string, url = SHARED_REDIS_URL): Promise<RedisExpiringRecords<Owner>> {
  return new RedisExpiringRecords<Owner>({ redis: await readyRedis(url), name, schema: Owner, log: () => undefined });
}

const stores: Array<[string, () => Promise<ExpiringRecords<Owner>>]> = [
  ['in memory', async () => new InMemoryExpiringRecords<Owner>()],
  [
    'in Redis',
    async () => {
      const name = uniqueRedisName('records');
      names.push(name);
      return redisRecords(name);
    },
  ],
];

describe.each(stores)('expiring records %s', (_store, open) => {
  it('reads a record back until it is deleted, and keeps keys apart', async () => {
    const records = await open();
    await records.put('a', { agentId: 'nuria' }, 60_000);
    await records.put('b', { agentId: 'jordi' }, 60_000);
    expect(await records.get('a')).toEqual({ agentId: 'nuria' });
    await records.delete('a');
    expect(await records.get('a')).toBeUndefined();
    expect(await records.get('b')).toEqual({ agentId: 'jordi' });
    expect(await records.get('missing')).toBeUndefined();
  });

  it('answers a use up to the most allowed, then never again', async () => {
    const records = await open();
    await records.put('a', { agentId: 'nuria' }, 60_000);
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await records.use('a', 3));
    expect(answers).toEqual([{ agentId: 'nuria' }, { agentId: 'nuria' }, { agentId: 'nuria' }, undefined]);
    expect(await records.get('a')).toBeUndefined();
  });

  it('counts uses racing at once exactly', async () => {
    const records = await open();
    await records.put('a', { agentId: 'nuria' }, 60_000);
    const answers = await Promise.all(Array.from({ length: 20 }, () => records.use('a', 5)));
    expect(answers.filter(Boolean)).toHaveLength(5);
  });

  it('forgets a record when its time is up, and a new put starts its uses again', async () => {
    const records = await open();
    await records.put('a', { agentId: 'nuria' }, 50);
    await records.use('a', 2);
    await sleep(120);
    expect(await records.get('a')).toBeUndefined();
    expect(await records.use('a', 2)).toBeUndefined();
    await records.put('a', { agentId: 'nuria' }, 60_000);
    expect(await records.use('a', 2)).toEqual({ agentId: 'nuria' });
    expect(await records.use('a', 2)).toEqual({ agentId: 'nuria' });
  });
});

describe('expiring records in Redis', () => {
  it('are read by another node, and what is not of the schema reads as missing', async () => {
    const name = uniqueRedisName('records');
    names.push(name);
    const [a, b] = [await redisRecords(name), await redisRecords(name)];
    await a.put('challenge', { agentId: 'nuria' }, 60_000);
    expect(await b.use('challenge', 5)).toEqual({ agentId: 'nuria' });
    await b.delete('challenge');
    expect(await a.get('challenge')).toBeUndefined();

    const redis = await readyRedis();
    await redis.hSet(`${name}:forged`, { value: JSON.stringify({ agent: 'x' }), uses: 0 });
    await redis.hSet(`${name}:garbled`, { value: '{not json', uses: 0 });
    expect(await a.get('forged')).toBeUndefined();
    expect(await a.get('garbled')).toBeUndefined();
  });

  it('are kept in the node’s memory while Redis is down, without waiting for it', async () => {
    const server = await startPrivateRedis();
    try {
      const redis = await readyRedis(server.url);
      const records = new RedisExpiringRecords<Owner>({ redis, name: 'mostrador:records:x', schema: Owner, log: () => undefined });
      await server.kill();
      await eventually('client sees Redis gone', () => !redis.isReady);
      await records.put('a', { agentId: 'nuria' }, 60_000);
      expect(await records.use('a', 5)).toEqual({ agentId: 'nuria' });
      await records.delete('a');
      expect(await records.get('a')).toBeUndefined();
    } finally {
      await server.kill();
    }
  });
});
