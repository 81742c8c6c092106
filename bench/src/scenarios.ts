import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { percentile } from './clients.ts';
import { processCpuMs } from './cpu.ts';
import { generatorEnv, measuredRun, serverNodeArgs, withServer, type Engine, type Measured, type ServerKind } from './server-under-test.ts';
import { startProcess } from './spawn.ts';
import type { LatencyResult, ServerReady } from './protocol.ts';
import type { UploadBurst, UploadKind } from './uploads.ts';

/** The uploads' burst, and the messages sent while it lasted. */
export type UploadFigures = UploadBurst & { messages: number; p99: number; seconds: number };

export interface LatencyParams {
  visitors: number;
  agents: number;
  rate: number;
  seconds: number;
  /** Shoppers who each upload one file of `megabytes` at once, half a second into the window. */
  uploads?: { files: number; megabytes: number; kind: UploadKind };
}

export type LatencyFigures = LatencyResult & { failed: number; uploads?: UploadFigures } & Measured;

export function latency(kind: ServerKind, p: LatencyParams, engine: Engine = 'sqlite'): Promise<LatencyFigures> {
  return withServer(
    kind,
    { BENCH_AGENTS: String(p.agents) },
    async (server, url, _dir, context) => {
      const env = {
        ...generatorEnv(kind, server, url, p.agents),
        VISITORS: String(p.visitors),
        RATE: String(p.rate),
        SECONDS: String(p.seconds),
      };
      if (!p.uploads) return measuredRun<LatencyResult & { failed: number }>('load-latency', env, context);
      return latencyDuringUploads(env, p.uploads);
    },
    engine,
  );
}

/**
 * The latency load, and half a second into its window a burst of uploads
 * from shoppers in another process; the figure is the p99 of the messages
 * sent while the burst lasted (both processes stamp with the epoch clock).
 */
async function latencyDuringUploads(env: Record<string, string>, uploads: NonNullable<LatencyParams['uploads']>) {
  const uploader = await startProcess<unknown>('load-uploads', {
    ...env,
    UPLOADS: String(uploads.files),
    UPLOAD_MB: String(uploads.megabytes),
    UPLOAD_KIND: uploads.kind,
  });
  try {
    const generator = await startProcess<unknown>('load-latency', { ...env, SAMPLES: '1' }, { timeoutMs: 300_000 });
    const timer = setTimeout(() => void generator.kill('SIGKILL'), 300_000);
    await new Promise((r) => setTimeout(r, 500));
    uploader.process.stdin!.write('FIRE\n');
    const [measured, burst] = (await Promise.all([generator.exited, uploader.exited])) as [
      (LatencyResult & { failed: number; samples: [number, number][] }) | null,
      UploadBurst | null,
    ];
    clearTimeout(timer);
    if (!measured || !burst) throw new Error('the latency or the uploads generator gave no result');
    const during = measured.samples
      .filter(([sentAt]) => sentAt >= burst.startedAt && sentAt <= burst.endedAt)
      .map(([, latency]) => latency)
      .sort((a, b) => a - b);
    const { samples: _samples, ...figures } = measured;
    const upload: UploadFigures = {
      ...burst,
      seconds: (burst.endedAt - burst.startedAt) / 1000,
      messages: during.length,
      p99: percentile(during, 99),
    };
    // The burst's figure is not a CPU figure: its window is the burst's, not the generator's.
    return { ...figures, uploads: upload, cpuMs: {} };
  } finally {
    await uploader.kill();
  }
}

export interface ThroughputParams {
  visitors: number;
  agents: number;
  window: number;
  seconds: number;
}

export interface ThroughputResult {
  acked: number;
  failed: number;
  seconds: number;
  perSecond: number;
}

export function throughput(kind: ServerKind, p: ThroughputParams, engine: Engine = 'sqlite'): Promise<ThroughputResult & Measured> {
  return withServer(
    kind,
    { BENCH_AGENTS: String(p.agents) },
    (server, url, _dir, context) =>
      measuredRun<ThroughputResult>(
        'load-throughput',
        {
          ...generatorEnv(kind, server, url, p.agents),
          VISITORS: String(p.visitors),
          WINDOW: String(p.window),
          SECONDS: String(p.seconds),
        },
        context,
      ),
    engine,
  );
}

/** CPU seconds (user + system) a process has used, from /proc. */
const cpuSeconds = (pid: number) => processCpuMs(pid) / 1000;

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) * 1024;
}

export interface IdleResult {
  visitors: number;
  rssPerVisitor: number;
  heapPerVisitor: number;
  cpuPercent: number;
  rssTotal: number;
}

export function idle(kind: ServerKind, p: { visitors: number; seconds: number }): Promise<IdleResult> {
  return withServer(kind, { BENCH_AGENTS: '0' }, async (server, url) => {
    const before = await server.memory();
    const rssBefore = rssBytes(server.ready.pid);
    const load = await startProcess<{ visitors: number }>(
      'load-idle',
      {
        ...generatorEnv(kind, server, url, 0),
        VISITORS: String(p.visitors),
      },
      { timeoutMs: 300_000 },
    );
    await new Promise((r) => setTimeout(r, 2000));
    const cpuStart = cpuSeconds(server.ready.pid);
    await new Promise((r) => setTimeout(r, p.seconds * 1000));
    const cpuPercent = ((cpuSeconds(server.ready.pid) - cpuStart) / p.seconds) * 100;
    const after = await server.memory();
    const rssAfter = rssBytes(server.ready.pid);
    await load.kill();
    return {
      visitors: load.ready.visitors,
      rssPerVisitor: (rssAfter - rssBefore) / load.ready.visitors,
      heapPerVisitor: (after.heapUsed - before.heapUsed) / load.ready.visitors,
      cpuPercent,
      rssTotal: rssAfter,
    };
  });
}

export interface StormResult {
  clients: number;
  resyncedMs: number;
  acked: number;
  /** Acked, and never seen by the observing console, even after its last resync. */
  lost: number;
  /** Of those, how many the database holds: seen nowhere, yet stored (a delivery or resync failure, not a lost write). */
  lostButStored: number;
  /** Resync pages the observer did not get (timed out or refused). */
  syncFailures: number;
  duplicated: number;
  unacked: number;
  restartMs: number;
}

/** How many of these client ids the database holds as messages (read whole: the bench's log is small). */
function storedOf(file: string, clientIds: readonly string[]): number {
  if (clientIds.length === 0) return 0;
  const db = new Database(file, { readonly: true });
  try {
    const stored = new Set(
      db.prepare("SELECT client_id FROM conversation_events WHERE type = 'message' AND client_id IS NOT NULL").pluck().all() as string[],
    );
    return clientIds.filter((id) => stored.has(id)).length;
  } finally {
    db.close();
  }
}

/** Kills the server mid-stream (SIGKILL: no goodbye) and starts it again on the same port and database. */
export function storm(p: { visitors: number; agents: number; rate: number }): Promise<StormResult> {
  return withServer('mostrador', { BENCH_AGENTS: String(p.agents) }, async (server, url, dir) => {
    const load = await startProcess<unknown>(
      'load-storm',
      {
        ...generatorEnv('mostrador', server, url, p.agents),
        ADMIN: server.ready.admin,
        VISITORS: String(p.visitors),
        RATE: String(p.rate),
      },
      { timeoutMs: 300_000 },
    );
    await new Promise((r) => setTimeout(r, 2000));
    const killedAt = Date.now();
    await server.kill('SIGKILL');
    const again = await startProcess<ServerReady>(
      'mostrador-server',
      {
        BENCH_DB: join(dir, 'bench.sqlite'),
        BENCH_PORT: String(server.ready.port),
      },
      { nodeArgs: serverNodeArgs() },
    );
    const backAt = Date.now();
    load.process.stdin?.write(`BACK ${backAt}\n`);
    try {
      const result = (await load.exited) as (Omit<StormResult, 'restartMs' | 'lostButStored'> & { lostIds: string[] }) | null;
      if (!result) throw new Error('the storm generator gave no result');
      const { lostIds, ...figures } = result;
      return { ...figures, lostButStored: storedOf(join(dir, 'bench.sqlite'), lostIds), restartMs: backAt - killedAt };
    } finally {
      await again.kill();
    }
  });
}
