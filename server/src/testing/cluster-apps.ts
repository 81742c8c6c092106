import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { buildApp, type App } from '../app.ts';
import { clusterChannelOf } from '../realtime/cluster-bus.ts';
import { closeRedis, openRedis } from '../realtime/redis-client.ts';
import { AGENT_PASSWORD, startTestServer, type TestConfig, type TestServer } from './harness.ts';
import { createTestDatabase, type TestDatabase } from './postgres.ts';
import { eventually, startPrivateRedis, type PrivateRedis } from './redis.ts';

/** One node of a test cluster: an app listening on a port of its own. */
export interface TestNode {
  app: App;
  url: string;
}

/**
 * Nodes of one cluster on loopback, for the cache-invalidation tests (the
 * flows across nodes use cluster.ts): one fresh PostgreSQL database and one
 * private Redis (so nothing the nodes publish meets another test), node A
 * made by `startTestServer` (its site, key and agent are the cluster's),
 * the others built after it on the same database. Resolves once every node
 * hears the others, on the cluster bus and through Socket.IO's adapter.
 */
export interface TestCluster {
  /** nodes[0] is node A, the one `startTestServer` made. */
  nodes: TestNode[];
  siteKey: string;
  siteId: string;
  agentEmail: string;
  redis: PrivateRedis;
  database: TestDatabase;
  close(): Promise<void>;
  /** Starts one more node (a scale-up, a deploy's new node), once the others hear it. */
  addNode(): Promise<TestNode>;
}

const quiet = { info: () => undefined, warn: () => undefined };

export async function startAppCluster(count = 2, overrides: TestConfig = {}): Promise<TestCluster> {
  const database = await createTestDatabase();
  const redis = await startPrivateRedis();
  const first: TestServer = await startTestServer({ ...overrides, databaseUrl: database.url, redisUrl: redis.url, nodeId: 'node-a' });
  const others: Array<TestNode & { dir: string }> = [];
  const close = async () => {
    for (const node of others) {
      await node.app.close().catch(() => undefined);
      rmSync(node.dir, { recursive: true, force: true });
    }
    await first.close();
    await redis.kill();
    await database.drop();
  };
  /** Node `index` (b, c, …): built on node A's config and listening. */
  const start = async (index: number): Promise<TestNode> => {
    const dir = mkdtempSync(join(tmpdir(), 'mostrador-node-'));
    const config = { ...first.config, nodeId: `node-${String.fromCharCode(97 + index)}`, databaseFile: join(dir, 'unused.sqlite') };
    const app = await buildApp(config);
    const node = { app, dir, url: '' };
    others.push(node);
    await app.listen({ port: 0, host: config.host });
    const address = app.server.address();
    node.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return node;
  };
  try {
    for (let i = 1; i < count; i += 1) await start(i);
    const nodes: TestNode[] = [first, ...others];
    await everyNodeHearsTheOthers(redis.url, first.config.clusterName, nodes);
    return {
      nodes,
      siteKey: first.siteKey,
      siteId: first.app.services.sites.byKey(first.siteKey)!.id,
      agentEmail: first.agentEmail,
      redis,
      database,
      close,
      addNode: async () => {
        const node = await start(nodes.length);
        nodes.push(node);
        await everyNodeHearsTheOthers(redis.url, first.config.clusterName, nodes);
        return node;
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A change made before a node listens would never reach it: wait until the bus and the adapters have every node. */
async function everyNodeHearsTheOthers(redisUrl: string, clusterName: string, nodes: readonly TestNode[]): Promise<void> {
  const observer = openRedis(redisUrl, quiet);
  try {
    await eventually('every node is on the cluster bus', async () => {
      const reply = (await observer.sendCommand(['PUBSUB', 'NUMSUB', clusterChannelOf(clusterName)])) as unknown[];
      return Number(reply[1]) === nodes.length;
    });
    for (const node of nodes) {
      const { visitors, agents } = node.app.realtime;
      await eventually(
        'every node’s adapters see the others',
        async () => (await visitors.adapter.serverCount()) === nodes.length && (await agents.adapter.serverCount()) === nodes.length,
      );
    }
  } finally {
    await closeRedis(observer);
  }
}

/**
 * An admin of the cluster's site, made on node A, and the cookies of a
 * session of theirs for `inject`: every node accepts it (sessions are read from the table).
 */
export async function clusterAdmin(cluster: TestCluster, email = 'boss@shop.example'): Promise<Record<string, string>> {
  const [a] = cluster.nodes;
  const created = await a!.app.services.agents.create({
    siteId: cluster.siteId,
    email,
    name: 'Boss',
    role: 'admin',
    password: AGENT_PASSWORD,
  });
  if (!created.ok) throw new Error(created.error.message);
  const res = await a!.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: AGENT_PASSWORD } });
  const session = res.cookies.find((c) => c.name === 'mostrador_session');
  if (!session) throw new Error(`login failed: ${res.statusCode}`);
  return { mostrador_session: session.value };
}

/**
 * A cluster for each test that starts one, closed after it together with the
 * sockets the test opened (push them to `sockets`). Read `cluster` after `start` only.
 */
export function clusterPerTest() {
  let current: TestCluster | undefined;
  const sockets: Array<{ disconnect(): unknown }> = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await current?.close();
    current = undefined;
  });
  return {
    sockets,
    async start(count = 2): Promise<TestCluster> {
      current = await startAppCluster(count);
      return current;
    },
    get cluster(): TestCluster {
      if (!current) throw new Error('no cluster: start one inside a test');
      return current;
    },
  };
}
