import { afterEach, describe, expect, it } from 'vitest';
import { eventually, SHARED_REDIS_URL, startPrivateRedis, uniqueRedisName } from '../testing/redis.ts';
import { ClusterMessage, redisClusterBus, singleNodeBus, type ClusterBus } from './cluster-bus.ts';
import { closeRedis, openRedis, type RedisClient } from './redis-client.ts';

const quiet = { info: () => undefined, warn: () => undefined };
const opened: Array<{ bus: ClusterBus; redis: RedisClient }> = [];
afterEach(async () => {
  for (const { bus, redis } of opened.splice(0)) {
    await bus.close();
    await closeRedis(redis);
  }
});

async function node(nodeId: string, channel: string, url = SHARED_REDIS_URL) {
  const redis = openRedis(url, quiet);
  const logged: unknown[] = [];
  const bus = redisClusterBus({ redis, nodeId, channel, log: (error) => logged.push(error) });
  opened.push({ bus, redis });
  await bus.subscribed;
  const heard: ClusterMessage[] = [];
  let missed = 0;
  bus.subscribe({ message: (m) => heard.push(m), missed: () => (missed += 1) });
  return { bus, redis, heard, logged, missedCount: () => missed };
}

describe('the cluster bus on Redis', () => {
  it('tells every other node what changed, in order, and never a node its own messages', async () => {
    const channel = uniqueRedisName('bus');
    const a = await node('node-a', channel);
    const b = await node('node-b', channel);
    const c = await node('node-c', channel);
    const sent: ClusterMessage[] = [
      { kind: 'site.changed', siteId: 's1' },
      { kind: 'agent.changed', siteId: 's1', agentId: 'a1' },
      { kind: 'departments.changed', siteId: 's1' },
      { kind: 'triggers.changed', siteId: 's1' },
      { kind: 'hours.changed', siteId: 's1' },
    ];
    for (const message of sent) a.bus.publish(message);
    c.bus.publish({ kind: 'site.changed', siteId: 's2' });
    await eventually('b and c hear a, b hears c', () => b.heard.length === 6 && c.heard.length === 5);
    expect(b.heard).toEqual([...sent, { kind: 'site.changed', siteId: 's2' }]);
    expect(c.heard).toEqual(sent);
    // a has heard c, and nothing of its own.
    await eventually('a hears c', () => a.heard.length === 1);
    expect(a.heard).toEqual([{ kind: 'site.changed', siteId: 's2' }]);
  });

  it('tells a listener it may have missed messages once the node is subscribed, as its caches were read before', async () => {
    const channel = uniqueRedisName('bus');
    const redis = openRedis(SHARED_REDIS_URL, quiet);
    const bus = redisClusterBus({ redis, nodeId: 'node-late', channel, log: () => undefined });
    opened.push({ bus, redis });
    let missed = 0;
    // Listening before the subscription is made, as the app does while it starts.
    bus.subscribe({ message: () => undefined, missed: () => (missed += 1) });
    expect(missed).toBe(0);
    await bus.subscribed;
    await eventually('told once', () => missed === 1);
    const stop = bus.subscribe({ message: () => undefined, missed: () => (missed += 10) });
    stop();
    await bus.subscribed;
    expect(missed).toBe(1);
  });

  it('drops a message that does not parse, logging it, and goes on with the next', async () => {
    const channel = uniqueRedisName('bus');
    const b = await node('node-b', channel);
    await b.redis.publish(channel, 'not json');
    await b.redis.publish(channel, JSON.stringify({ from: 'node-x', message: { kind: 'site.deleted', siteId: 's1' } }));
    await b.redis.publish(channel, JSON.stringify({ from: 'node-x', message: { kind: 'hours.changed', siteId: 's9' } }));
    await eventually('b hears the valid one', () => b.heard.length === 1);
    expect(b.heard).toEqual([{ kind: 'hours.changed', siteId: 's9' }]);
    expect(b.logged).toHaveLength(2);
  });

  it('refuses to send a message that is not one of the kinds', async () => {
    const a = await node('node-a', uniqueRedisName('bus'));
    expect(() => a.bus.publish({ kind: 'site.changed' } as unknown as ClusterMessage)).toThrow();
  });

  it('tells listeners they may have missed messages when Redis comes back after a restart, and carries messages again', async () => {
    const redis = await startPrivateRedis();
    try {
      const channel = 'mostrador:cluster';
      const a = await node('node-a', channel, redis.url);
      const b = await node('node-b', channel, redis.url);
      a.bus.publish({ kind: 'site.changed', siteId: 'before' });
      await eventually('b hears before the restart', () => b.heard.length === 1);
      // Once, for subscribing: nothing since.
      expect(b.missedCount()).toBe(1);

      await redis.kill();
      await redis.start();
      await eventually('b is told it may have missed messages', () => b.missedCount() === 2);
      // Resubscribed by the client itself: a's message after the restart reaches b.
      await eventually(
        'b hears after the restart',
        () => {
          a.bus.publish({ kind: 'site.changed', siteId: 'after' });
          return b.heard.some((m) => m.kind === 'site.changed' && m.siteId === 'after');
        },
        10_000,
      );
      expect(a.missedCount()).toBe(2);
    } finally {
      await redis.kill();
    }
  });
});

describe('the cluster bus of a single process', () => {
  it('sends nowhere and hears nothing', () => {
    const bus = singleNodeBus('solo');
    const heard: ClusterMessage[] = [];
    bus.subscribe({ message: (m) => heard.push(m) });
    bus.publish({ kind: 'site.changed', siteId: 's1' });
    expect(heard).toEqual([]);
  });
});
