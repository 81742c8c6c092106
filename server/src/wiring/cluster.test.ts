import { describe, expect, it } from 'vitest';
import { InMemoryDirectory } from '../realtime/node-directory.ts';
import { RedisDirectory } from '../realtime/node-directory.redis.ts';
import { buildTestApp } from '../testing/harness.ts';
import { startPrivateRedis } from '../testing/redis.ts';
import { openCluster } from './cluster.ts';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('a node’s place in a cluster', () => {
  it('is one process with everything in memory when no Redis is named, as before cluster mode', async () => {
    const cluster = openCluster({ redisUrl: null, nodeId: 'solo', clusterName: 'mostrador' }, quiet);
    expect(cluster.redis).toBeNull();
    expect(cluster.agentPresence).toBeInstanceOf(InMemoryDirectory);
    expect(cluster.liveVisitors).toBeInstanceOf(InMemoryDirectory);
    const { cleanup, app } = await buildTestApp();
    expect(app.services.cluster.redis).toBeNull();
    await cleanup();
    await cluster.close();
  });

  it('shares the bus and the directories through Redis when one is named', async () => {
    const redis = await startPrivateRedis();
    try {
      const cluster = openCluster({ redisUrl: redis.url, nodeId: 'node-a', clusterName: 'mostrador' }, quiet);
      expect(cluster.redis).not.toBeNull();
      expect(cluster.agentPresence).toBeInstanceOf(RedisDirectory);
      expect(cluster.liveVisitors).toBeInstanceOf(RedisDirectory);
      expect(cluster.bus.nodeId).toBe('node-a');
      await cluster.close();
    } finally {
      await redis.kill();
    }
  });
});
