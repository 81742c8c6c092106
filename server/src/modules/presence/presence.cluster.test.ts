import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisDirectory } from '../../realtime/node-directory.redis.ts';
import { closeRedis, openRedis, type RedisClient } from '../../realtime/redis-client.ts';
import { eventually, SHARED_REDIS_URL, uniqueRedisName } from '../../testing/redis.ts';
import { AgentConsoles, PresenceService } from './presence.service.ts';

const quiet = { info: () => undefined, warn: () => undefined };
const GRACE_MS = 400;

interface Node {
  presence: PresenceService;
  directory: RedisDirectory<AgentConsoles>;
  redis: RedisClient;
  told: string[];
}

const nodes: Node[] = [];
let name = '';
afterEach(async () => {
  for (const { presence, directory, redis } of nodes.splice(0)) {
    presence.close();
    await directory.close();
    await closeRedis(redis);
  }
  const redis = openRedis(SHARED_REDIS_URL, quiet);
  const keys = await redis.keys(`${name}:*`);
  if (keys.length > 0) await redis.del(keys);
  await closeRedis(redis);
});

/** One node's presence, sharing the cluster's directory through the test machine's Redis, as the app's nodes do. */
async function node(nodeId: string, leaseMs = 10_000): Promise<Node> {
  const redis = openRedis(SHARED_REDIS_URL, quiet);
  const directory = new RedisDirectory<AgentConsoles>({ redis, nodeId, name, schema: AgentConsoles, leaseMs, log: () => undefined });
  await directory.subscribed;
  const presence = new PresenceService(GRACE_MS, directory);
  const told: string[] = [];
  presence.listen({
    changed: (agentId) => told.push(`changed:${agentId}`),
    wentOffline: (agentId) => told.push(`offline:${agentId}`),
  });
  const started = { presence, directory, redis, told };
  nodes.push(started);
  return started;
}

/** Two nodes, and an agent whose console reached the first, as the second already sees. */
async function agentOnFirstOfTwo(leaseMs?: number): Promise<{ a: Node; b: Node }> {
  name = uniqueRedisName('presence');
  const a = await node('node-a', leaseMs);
  const b = await node('node-b', leaseMs);
  a.presence.socketConnected('agt_1', 'site');
  await eventually('b sees the agent', () => b.presence.isConnected('agt_1', 'site'));
  return { a, b };
}

describe('presence across the nodes of a cluster', () => {
  it('sees an agent connected on another node, and only the node the console reached tells of it', async () => {
    const { a, b } = await agentOnFirstOfTwo();
    expect(b.presence.isPresent('agt_1', 'site')).toBe(true);
    expect(b.presence.isConnected('agt_1', 'other-site')).toBe(false);
    // A second console on b: the agent was online already, nothing changed for anyone.
    b.presence.socketConnected('agt_1', 'site');
    expect([a.told, b.told]).toEqual([['changed:agt_1'], []]);

    // The console on a closes: the one on b keeps the agent connected everywhere, with no grace period.
    a.presence.socketDisconnected('agt_1', 'site');
    await sleep(GRACE_MS * 2);
    expect([a.presence.isConnected('agt_1', 'site'), b.presence.isConnected('agt_1', 'site')]).toEqual([true, true]);
    expect([...a.told, ...b.told].filter((t) => t.startsWith('offline'))).toEqual([]);
  });

  it('keeps an agent who moves to another node within the grace period, on every node', async () => {
    const { a, b } = await agentOnFirstOfTwo();
    a.presence.socketDisconnected('agt_1', 'site');
    await eventually('b sees the console go', () => !b.presence.isConnected('agt_1', 'site'));
    // In the grace period on both nodes: present, but no new chats (not connected).
    expect([a.presence.isPresent('agt_1', 'site'), b.presence.isPresent('agt_1', 'site')]).toEqual([true, true]);
    // The reload reached the other node.
    b.presence.socketConnected('agt_1', 'site');
    await eventually('a sees the agent back', () => a.presence.isConnected('agt_1', 'site'));
    await sleep(GRACE_MS * 2);
    expect([...a.told, ...b.told].filter((t) => t.startsWith('offline'))).toEqual([]);
    expect(b.told).toEqual(['changed:agt_1']);
  });

  it('takes an agent offline on every node once their last console anywhere has been gone for the grace period', async () => {
    const { a, b } = await agentOnFirstOfTwo();
    a.presence.socketDisconnected('agt_1', 'site');
    await eventually('both took the agent offline', () => a.told.includes('offline:agt_1') && b.told.includes('offline:agt_1'), 5000);
    expect([a.presence.isPresent('agt_1', 'site'), b.presence.isPresent('agt_1', 'site')]).toEqual([false, false]);
  });

  it('starts the grace period on the living nodes when the agent’s node dies, and takes the agent offline after it', async () => {
    const { a, b } = await agentOnFirstOfTwo(300);
    // a stops renewing without a word: its process was killed.
    a.presence.close();
    await a.directory.abandon();
    const gone = Date.now();
    await eventually('b took the agent offline', () => b.told.includes('offline:agt_1'), 5000);
    // Not before the lease ran out and the grace period after it.
    expect(Date.now() - gone).toBeGreaterThanOrEqual(GRACE_MS);
    expect(b.told).toEqual(['offline:agt_1', 'changed:agt_1']);
    expect(b.presence.isPresent('agt_1', 'site')).toBe(false);
  });
});
