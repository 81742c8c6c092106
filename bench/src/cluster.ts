// `pnpm bench --nodes=3`: Mostrador nodes sharing one fresh PostgreSQL
// database and Redis, shoppers on the first node and agents on the others,
// so every message crosses nodes on its way to its agent. What each node,
// PostgreSQL and Redis spend per message is read from their CPU time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processCpuMs, type CpuProbe } from './cpu.ts';
import { freshPostgres, freshRedis, postgresCpu } from './engines.ts';
import type { LatencyResult, ServerReady } from './protocol.ts';
import type { LatencyFigures, LatencyParams, ThroughputParams, ThroughputResult } from './scenarios.ts';
import { generatorEnv, measuredRun, serverNodeArgs, type Measured, type ServerContext } from './server-under-test.ts';
import { startProcess, type Child } from './spawn.ts';

/** Node names: A takes the shoppers, the rest take the agents. */
export const nodeName = (i: number) => String.fromCharCode(65 + i);

interface Cluster {
  nodes: Array<Child<ServerReady> & { url: string }>;
  context: ServerContext;
}

/** Starts `count` nodes on a fresh database and the bench's Redis database; all gone, dropped and flushed after `run`. */
async function withCluster<T>(count: number, agents: number, run: (cluster: Cluster) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-bench-'));
  const database = await freshPostgres();
  const redis = await freshRedis();
  const nodes: Cluster['nodes'] = [];
  const start = async (i: number) => {
    const node = await startProcess<ServerReady>(
      'mostrador-server',
      {
        // The first node seeds the site and its agents, and leaves their names in this file for the others.
        BENCH_DB: join(dir, 'bench.sqlite'),
        BENCH_AGENTS: String(agents),
        BENCH_DATABASE_URL: database.url,
        BENCH_REDIS_URL: redis.url,
        BENCH_NODE_ID: `bench-${nodeName(i)}`,
      },
      { nodeArgs: serverNodeArgs(), label: `node ${nodeName(i)}` },
    );
    nodes[i] = Object.assign(node, { url: `http://127.0.0.1:${node.ready.port}` });
  };
  try {
    await start(0);
    await Promise.all(Array.from({ length: count - 1 }, (_, i) => start(i + 1)));
    const postgres = await postgresCpu(database);
    const probes: Record<string, CpuProbe> = Object.fromEntries(nodes.map((node, i) => [nodeName(i), () => processCpuMs(node.ready.pid)]));
    probes.postgres = () => postgres.read();
    probes.redis = () => redis.cpuMs();
    try {
      return await run({ nodes, context: { probes, database } });
    } finally {
      await postgres.close();
    }
  } finally {
    await Promise.all(nodes.map((node) => node.kill()));
    await redis.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What every generator of a cluster run is told: shoppers on node A, agents on the others in turn. */
function clusterEnv({ nodes }: Cluster, agents: number) {
  const [first, ...others] = nodes;
  return { ...generatorEnv('mostrador', first!, first!.url, agents), AGENT_URLS: JSON.stringify(others.map((n) => n.url)), TAKE: '1' };
}

export function clusterLatency(nodes: number, p: LatencyParams): Promise<LatencyFigures> {
  return withCluster(nodes, p.agents, (cluster) =>
    measuredRun<LatencyResult & { failed: number }>(
      'load-latency',
      { ...clusterEnv(cluster, p.agents), VISITORS: String(p.visitors), RATE: String(p.rate), SECONDS: String(p.seconds) },
      cluster.context,
    ),
  );
}

export function clusterThroughput(nodes: number, p: ThroughputParams): Promise<ThroughputResult & Measured> {
  return withCluster(nodes, p.agents, (cluster) =>
    measuredRun<ThroughputResult>(
      'load-throughput',
      { ...clusterEnv(cluster, p.agents), VISITORS: String(p.visitors), WINDOW: String(p.window), SECONDS: String(p.seconds) },
      cluster.context,
    ),
  );
}
