import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../app.ts';
import { closeRedis, openRedis } from '../realtime/redis-client.ts';
import { AGENT_PASSWORD, SHOP_ORIGIN, testConfig, type TestConfig, type TestServer } from './harness.ts';
import { createTestDatabase, type TestDatabase } from './postgres.ts';
import { SHARED_REDIS_URL, uniqueRedisName } from './redis.ts';

export interface ClusterAgent {
  email: string;
  name: string;
  capacity?: number;
  role?: 'admin' | 'agent';
}

export interface TestCluster {
  /** Each node as a TestServer, so the harness's helpers (connectAgentAs, shopperWrote…) work on any of them. */
  nodes: TestServer[];
  siteId: string;
  siteKey: string;
  /** Agent ids by email. */
  agentIds: Map<string, string>;
  database: TestDatabase;
  clusterName: string;
  close(): Promise<void>;
}

/**
 * Several nodes of one cluster in this process, on loopback: one fresh
 * PostgreSQL database and the test machine's Redis under a cluster name of
 * their own, each node with its own port and Socket.IO server, as an operator
 * would run them behind a balancer. The site and agents are made on the first
 * node before the others start, as they would be by an admin.
 */
export async function startTestCluster(options: { nodes: number; agents: ClusterAgent[]; overrides?: TestConfig }): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-cluster-'));
  const database = await createTestDatabase();
  const clusterName = uniqueRedisName('cluster');
  const nodes: TestServer[] = [];
  const site = { id: '', key: '' };
  const agentIds = new Map<string, string>();
  const cleanup = async () => {
    for (const node of nodes) await node.app.close().catch(() => undefined);
    await database.drop();
    const redis = openRedis(SHARED_REDIS_URL, { info: () => undefined, warn: () => undefined });
    const keys = await redis.keys(`${clusterName}:*`);
    if (keys.length > 0) await redis.del(keys);
    await closeRedis(redis);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let index = 0; index < options.nodes; index++) {
      const config = testConfig(
        {
          databaseFile: join(dir, `node-${index}.sqlite`),
          host: '127.0.0.1',
          port: 0,
          databaseUrl: database.url,
          redisUrl: SHARED_REDIS_URL,
          clusterName,
          nodeId: `node-${index}`,
        },
        options.overrides ?? {},
      );
      let app = await buildApp(config);
      if (index === 0) {
        const made = await app.services.sites.create({ name: 'Cluster shop', allowedOrigins: [SHOP_ORIGIN] });
        Object.assign(site, { id: made.id, key: made.key });
        for (const agent of options.agents) {
          const created = await app.services.agents.create({
            siteId: made.id,
            email: agent.email,
            name: agent.name,
            role: agent.role ?? 'agent',
            password: AGENT_PASSWORD,
            capacity: agent.capacity ?? 3,
          });
          if (!created.ok) throw new Error(created.error.message);
          agentIds.set(agent.email, created.data.id);
        }
      }
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const node: TestServer = {
        app,
        url: `http://127.0.0.1:${port}`,
        port,
        config,
        siteKey: site.key,
        agentEmail: options.agents[0]?.email ?? '',
        stop: () => node.app.close(),
        async restart() {
          app = await buildApp(config);
          await app.listen({ port, host: '127.0.0.1' });
          node.app = app;
        },
        close: async () => undefined,
      };
      nodes.push(node);
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { nodes, siteId: site.id, siteKey: site.key, agentIds, database, clusterName, close: cleanup };
}
