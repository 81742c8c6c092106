// The server a figure runs against, in a process of its own with a fresh
// database (a SQLite file, or a PostgreSQL database of its own), and what a
// figure reads of it besides its answers: the CPU time it used, and whether
// every acknowledged message reached its agent once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuWindow, processCpuMs, type CpuProbe } from './cpu.ts';
import type { DeliveryCounts } from './delivery.ts';
import { freshPostgres, postgresCpu, type BenchDatabase } from './engines.ts';
import type { ServerReady } from './protocol.ts';
import type { Assignment } from './take-unassigned.ts';
import { runGenerator, startProcess, type Child } from './spawn.ts';

export type ServerKind = 'mostrador' | 'floor';
/** Mostrador's database: SQLite in a file (the default), or a PostgreSQL database of the scenario's own. */
export type Engine = 'sqlite' | 'postgres';

/** What a figure reads besides the server's answers: the CPU time of what serves it, and its PostgreSQL database if any. */
export interface ServerContext {
  probes: Record<string, CpuProbe>;
  database: BenchDatabase | null;
}

/**
 * Node flags for every server the bench starts. `BENCH_PROFILE=<dir>` adds a
 * CPU profile of each server, written to that folder when it exits, to find
 * where a figure's time goes.
 */
export function serverNodeArgs(): string[] {
  const profileDir = process.env.BENCH_PROFILE;
  return ['--expose-gc', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
}

/** Each scenario gets a fresh server (fresh database) in its own process. */
export async function withServer<T>(
  kind: ServerKind,
  env: Record<string, string>,
  run: (server: Child<ServerReady>, url: string, dir: string, context: ServerContext) => Promise<T>,
  engine: Engine = 'sqlite',
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-bench-'));
  const database = engine === 'postgres' ? await freshPostgres() : null;
  try {
    const server = await startProcess<ServerReady>(
      kind === 'floor' ? 'floor-server' : 'mostrador-server',
      { BENCH_DB: join(dir, 'bench.sqlite'), ...(database && { BENCH_DATABASE_URL: database.url }), ...env },
      { nodeArgs: serverNodeArgs() },
    );
    try {
      const postgres = database && (await postgresCpu(database));
      const probes: Record<string, CpuProbe> = { server: () => processCpuMs(server.ready.pid) };
      if (postgres) probes.postgres = () => postgres.read();
      try {
        return await run(server, `http://127.0.0.1:${server.ready.port}`, dir, { probes, database });
      } finally {
        await postgres?.close();
      }
    } finally {
      await server.kill();
    }
  } finally {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a PostgreSQL or cluster run adds to a figure: the CPU its processes used, and the delivery check's counts. */
export interface Measured {
  /** CPU ms each probe used over the measured window. */
  cpuMs: Record<string, number>;
  delivery?: DeliveryCounts & { storedTwice: number };
  /** A cluster run's: how its conversations came to have an agent. */
  assignment?: Assignment;
}

/**
 * Runs a load generator and reads the probes' CPU time over its measured
 * window. On PostgreSQL the generator checks delivery too, and the database
 * is asked whether any of its messages was stored twice.
 */
export async function measuredRun<Result>(
  generator: string,
  env: Record<string, string>,
  context: ServerContext,
): Promise<Result & Measured> {
  let cpuMs: Record<string, number> = {};
  let window: Awaited<ReturnType<typeof cpuWindow>> | undefined;
  const result = await runGenerator<Result & { delivery?: DeliveryCounts }>(
    generator,
    { ...env, ...(context.database && { CHECK: '1' }) },
    300_000,
    {
      started: async () => {
        window = await cpuWindow(context.probes);
      },
      ended: async () => {
        cpuMs = (await window?.stop()) ?? {};
      },
    },
  );
  if (!result.delivery || !context.database) return { ...result, cpuMs, delivery: undefined };
  return { ...result, cpuMs, delivery: { ...result.delivery, storedTwice: await storedTwice(context.database) } };
}

/** Messages of the bench's (client ids m-… and tp-…) that a PostgreSQL database holds more than once. */
async function storedTwice(database: BenchDatabase): Promise<number> {
  const [row] = await database.query<{ twice: string }>(
    `SELECT count(*) AS twice FROM (SELECT client_id FROM conversation_events
       WHERE type = 'message' AND (client_id LIKE 'm-%' OR client_id LIKE 'tp-%') GROUP BY client_id HAVING count(*) > 1) AS repeated`,
  );
  return Number(row?.twice ?? 0);
}

/** What every load generator is told of the server it loads. */
export function generatorEnv(kind: ServerKind, server: Child<ServerReady>, url: string, agents: number) {
  return {
    MODE: kind,
    URL: url,
    SITE_KEY: server.ready.siteKey,
    AGENT_EMAILS: JSON.stringify(server.ready.agents.slice(0, agents)),
    AGENTS: String(agents),
  };
}
