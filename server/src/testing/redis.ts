import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeRedis, openRedis } from '../realtime/redis-client.ts';

/** The test machine's Redis, shared with every other test and engineer: tests use names of their own on it and never restart it. */
export const SHARED_REDIS_URL = 'redis://127.0.0.1:6379';

/** A name no other test, file or run shares (a channel, a stream, a key prefix). */
export const uniqueRedisName = (what: string) => `mostrador-test:${what}:${process.pid}:${randomBytes(4).toString('hex')}`;

/** Deletes a test's keys from the shared Redis: every key under the cluster name it ran with. */
export async function deleteClusterKeys(clusterName: string): Promise<void> {
  const redis = openRedis(SHARED_REDIS_URL, { info: () => undefined, warn: () => undefined });
  const keys = await redis.keys(`${clusterName}:*`);
  if (keys.length > 0) await redis.del(keys);
  await closeRedis(redis);
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface PrivateRedis {
  url: string;
  /** Kills the server (SIGKILL: no goodbye to its clients) and waits until it is gone. */
  kill(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  start(): Promise<void>;
}

/**
 * A redis-server of the test's own on a free loopback port, keeping nothing
 * on disk, so a test may kill and restart it (never the shared one). The
 * test kills it when done.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child = proc;
    let out = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    for (let waited = 0; !out.includes('Ready to accept connections'); waited += 20) {
      if (waited > 5000 || proc.exitCode !== null) throw new Error(`redis-server did not start on ${port}:\n${out}`);
      await sleep(20);
    }
  };
  const kill = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = once(proc, 'exit');
    proc.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, kill, start };
}

/** Polls `check` until it holds, or fails after `timeoutMs` with `what`. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(25);
  }
}
