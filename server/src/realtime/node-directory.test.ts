import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventually, SHARED_REDIS_URL, startPrivateRedis, uniqueRedisName } from '../testing/redis.ts';
import { InMemoryDirectory, type NodeDirectory } from './node-directory.ts';
import { RedisDirectory } from './node-directory.redis.ts';
import { closeRedis, openRedis, type RedisClient } from './redis-client.ts';

const Tabs = z.object({ tabs: z.number() });
type Tabs = z.infer<typeof Tabs>;
const quiet = { info: () => undefined, warn: () => undefined };

const opened: Array<{ directory: RedisDirectory<Tabs>; redis: RedisClient }> = [];
const names: Array<{ url: string; name: string }> = [];
afterEach(async () => {
  for (const { directory, redis } of opened.splice(0)) {
    await directory.close();
    await closeRedis(redis);
  }
  // What the test left in the shared Redis goes with it.
  for (const { url, name } of names.splice(0)) {
    const redis = openRedis(url, quiet);
    const keys = await redis.keys(`${name}:*`).catch(() => []);
    if (keys.length > 0) await redis.del(keys).catch(() => undefined);
    await closeRedis(redis);
  }
});

async function node(nodeId: string, name: string, options: { leaseMs?: number; url?: string } = {}) {
  const url = options.url ?? SHARED_REDIS_URL;
  const redis = openRedis(url, quiet);
  const logged: unknown[] = [];
  const directory = new RedisDirectory<Tabs>({
    redis,
    nodeId,
    name,
    schema: Tabs,
    leaseMs: options.leaseMs ?? 30_000,
    log: (error) => logged.push(error),
  });
  opened.push({ directory, redis });
  // A private server dies with its test; only the shared one is cleaned.
  if (url === SHARED_REDIS_URL) names.push({ url, name });
  await directory.subscribed;
  const told: string[] = [];
  directory.onOthersChanged((scope, id) => told.push(`${scope}/${id}`));
  return { directory, redis, told, logged };
}

describe('a directory shared through Redis', () => {
  it('shows every node’s entries on every node, at once, and tells only the others of a change', async () => {
    const name = uniqueRedisName('dir');
    const a = await node('node-a', name);
    const b = await node('node-b', name);
    a.directory.put('site-1', 'agent-1', { tabs: 1 });
    b.directory.put('site-1', 'agent-2', { tabs: 2 });
    b.directory.put('site-2', 'agent-1', { tabs: 1 });
    await eventually('b sees a’s entry', () => b.directory.holds('site-1', 'agent-1'));
    await eventually('a sees b’s entries', () => a.directory.entries('site-1').length === 2);
    const bySite1 = (d: NodeDirectory<Tabs>) => d.entries('site-1').sort((x, y) => x.id.localeCompare(y.id));
    const expected = [
      { scope: 'site-1', id: 'agent-1', node: 'node-a', value: { tabs: 1 } },
      { scope: 'site-1', id: 'agent-2', node: 'node-b', value: { tabs: 2 } },
    ];
    expect(bySite1(a.directory)).toEqual(expected);
    expect(bySite1(b.directory)).toEqual(expected);
    expect(a.directory.holds('site-2', 'agent-2')).toBe(false);
    expect(b.told).toEqual(['site-1/agent-1']);
    expect(a.told.sort()).toEqual(['site-1/agent-2', 'site-2/agent-1']);

    a.directory.put('site-1', 'agent-1', { tabs: 3 });
    await eventually('b sees the new value', () => b.directory.entries('site-1').some((e) => e.value.tabs === 3));
    a.directory.remove('site-1', 'agent-1');
    await eventually('b sees it go', () => !b.directory.holds('site-1', 'agent-1'));
    expect(b.told).toEqual(['site-1/agent-1', 'site-1/agent-1', 'site-1/agent-1']);
    expect(a.directory.holds('site-1', 'agent-1')).toBe(false);

    // A node that stops takes its entries with it: the others need not wait for the lease.
    await b.directory.close();
    await eventually('a sees b’s entries go', () => a.directory.entries('site-1').length === 0 && !a.directory.holds('site-2', 'agent-1'));
  });

  it('lets a dead node’s entries run out after their lease, and tells the living nodes', async () => {
    const name = uniqueRedisName('dir');
    const a = await node('node-a', name, { leaseMs: 300 });
    const b = await node('node-b', name, { leaseMs: 300 });
    a.directory.put('site-1', 'agent-1', { tabs: 1 });
    await eventually('b sees a’s entry', () => b.directory.holds('site-1', 'agent-1'));
    // Renewed while a lives: still there after several leases.
    await sleep(700);
    await b.directory.refresh();
    expect(b.directory.holds('site-1', 'agent-1')).toBe(true);

    // a stops renewing without saying goodbye (a crash).
    await a.directory.abandon();
    const toldBefore = b.told.length;
    await eventually('the entry ran out on b', () => !b.directory.holds('site-1', 'agent-1'), 2000);
    await eventually('b was told', () => b.told.length > toldBefore, 2000);
    expect(b.told.at(-1)).toBe('site-1/agent-1');
    // And Redis itself no longer holds it.
    await b.directory.refresh();
    expect(await b.redis.zRange(`${name}:site-1:leases`, 0, -1)).toEqual([]);
  });

  it('ignores a value another node wrote that does not parse', async () => {
    const name = uniqueRedisName('dir');
    const b = await node('node-b', name);
    await b.redis.publish(
      `${name}:changes`,
      JSON.stringify({ node: 'node-x', scope: 's', id: 'i', value: { tabs: 'two' }, expiresAt: Date.now() + 10_000 }),
    );
    await b.redis.publish(`${name}:changes`, 'not json');
    await eventually('both logged', () => b.logged.length === 2);
    expect(b.directory.entries('s')).toEqual([]);
  });

  it('fills a restarted, empty Redis back from the living nodes at their next renewal', async () => {
    const redis = await startPrivateRedis();
    try {
      const name = 'presence';
      const a = await node('node-a', name, { leaseMs: 600, url: redis.url });
      const b = await node('node-b', name, { leaseMs: 600, url: redis.url });
      a.directory.put('site-1', 'agent-1', { tabs: 1 });
      await eventually('b sees a’s entry', () => b.directory.holds('site-1', 'agent-1'));

      await redis.kill();
      await redis.start();
      // b keeps its copy while Redis is away; a's renewal writes the entry again, and b reads it back.
      await eventually(
        'a wrote its entry again',
        async () => (await a.redis.zRange(`${name}:site-1:leases`, 0, -1).catch(() => [])).length === 1,
        10_000,
      );
      await b.directory.refresh();
      expect(b.directory.holds('site-1', 'agent-1')).toBe(true);
      a.directory.put('site-1', 'agent-2', { tabs: 1 });
      await eventually('b hears a’s writes again', () => b.directory.holds('site-1', 'agent-2'), 10_000);
    } finally {
      await redis.kill();
    }
  });
});

describe('a directory in one process', () => {
  it('holds this node’s entries only, and never tells of another node', () => {
    const directory = new InMemoryDirectory<Tabs>('solo');
    const told: string[] = [];
    directory.onOthersChanged((scope, id) => told.push(`${scope}/${id}`));
    directory.put('site-1', 'agent-1', { tabs: 1 });
    directory.put('site-1', 'agent-1', { tabs: 2 });
    directory.put('site-2', 'agent-2', { tabs: 1 });
    expect(directory.entries('site-1')).toEqual([{ scope: 'site-1', id: 'agent-1', node: 'solo', value: { tabs: 2 } }]);
    expect([directory.holds('site-1', 'agent-1'), directory.holds('site-1', 'agent-2')]).toEqual([true, false]);
    directory.remove('site-1', 'agent-1');
    expect(directory.entries('site-1')).toEqual([]);
    expect(told).toEqual([]);
  });
});
