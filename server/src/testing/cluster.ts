import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../app.ts';
import { AGENT_PASSWORD, SHOP_ORIGIN, testConfig, type TestConfig, type TestServer } from './harness.ts';
import { createTestDatabase, type TestDatabase } from './postgres.ts';
import { deleteClusterKeys, SHARED_REDIS_URL, uniqueRedisName } from './redis.ts';

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
    await deleteClusterKeys(clusterName);
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

export interface NodeProcess {
  nodeId: string;
  port: number;
  url: string;
  /** What the seeding node made (the first one). */
  seeded: { siteKey: string; agentEmail: string } | null;
  process: ChildProcess;
  /** Ends the process with `signal` (SIGKILL: no goodbye to anyone) and waits for it to go. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * A cluster node in a process of its own (cluster-node.ts), for the fault
 * tests that kill one: `env` names its database, Redis and cluster;
 * `seedAgentEmail` makes the site and an agent first.
 */
export async function startNodeProcess(env: Record<string, string>, seedAgentEmail?: string): Promise<NodeProcess> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'cluster-node.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: join(dirname(fileURLToPath(import.meta.url)), '..', '..'),
    env: { ...process.env, PORT: '0', ...env, ...(seedAgentEmail ? { SEED_AGENT_EMAIL: seedAgentEmail } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ port: number; siteKey?: string; agentEmail?: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node ${env['NODE_ID']} not ready in time`)), 60_000);
    child.once('exit', (code) => reject(new Error(`node ${env['NODE_ID']} exited (${code}) before it was ready`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      // The node's own log (warnings and errors) shows in the test's output.
      if (!line.startsWith('READY ')) return void process.stderr.write(`  [${env['NODE_ID']}] ${line}\n`);
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(6)) as { port: number; siteKey?: string; agentEmail?: string });
    });
  });
  return {
    nodeId: env['NODE_ID'] ?? '',
    port: ready.port,
    url: `http://127.0.0.1:${ready.port}`,
    seeded: ready.siteKey && ready.agentEmail ? { siteKey: ready.siteKey, agentEmail: ready.agentEmail } : null,
    process: child,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

// What a cluster test needs besides: a database and a Redis of its own.
export { createTestDatabase, type TestDatabase } from './postgres.ts';
export { deleteClusterKeys, SHARED_REDIS_URL, startPrivateRedis, uniqueRedisName, type PrivateRedis } from './redis.ts';
