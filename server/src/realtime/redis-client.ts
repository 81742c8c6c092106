import { createRequire } from 'node:module';
import type * as NodeRedis from '@redis/client';

/**
 * node-redis is loaded when a client is first opened, not at import: a node
 * without REDIS_URL (the default, one process) never pays for it (measured:
 * 120–160 ms at start and 9 MB of heap with the streams adapter).
 */
const load = createRequire(import.meta.url);
const createClient: typeof NodeRedis.createClient = (...options) => (load('@redis/client') as typeof NodeRedis).createClient(...options);

/** The longest wait between two reconnection attempts: a restarted Redis is found again within this. */
const MAX_RECONNECT_DELAY_MS = 2000;

const clientFor = (url: string) =>
  createClient({
    url,
    socket: {
      connectTimeout: 2000,
      // Doubling from 50 ms, with jitter so a cluster's nodes do not knock at once.
      reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS) * (0.75 + Math.random() / 2),
    },
  });

/** The one Redis client type the server uses (node-redis, no modules, RESP3). */
export type RedisClient = ReturnType<typeof clientFor>;

export interface RedisLog {
  info(message: string): void;
  warn(error: unknown, message: string): void;
}

/**
 * A client for REDIS_URL that connects in the background and reconnects for
 * ever: a node whose Redis is down keeps serving its own sockets, reports
 * Redis "down" (health, readiness) and catches up when it is back. A failure
 * is logged once per outage, not at every attempt.
 */
export function openRedis(url: string, log: RedisLog): RedisClient {
  const client = clientFor(url);
  let down = false;
  client.on('error', (error: unknown) => {
    if (down) return;
    down = true;
    log.warn(error, 'Redis unreachable; retrying');
  });
  client.on('ready', () => {
    if (down) log.info('Redis reachable again');
    down = false;
  });
  // Rejected only when the client is closed before it ever connected; errors are told above.
  client.connect().catch(() => undefined);
  return client;
}

/** Whether Redis answers a PING within `timeoutMs`; never throws, never waits longer. */
export async function redisAnswers(client: RedisClient, timeoutMs: number): Promise<boolean> {
  if (!client.isReady) return false;
  try {
    return (await client.withCommandOptions({ timeout: timeoutMs }).ping()) === 'PONG';
  } catch {
    return false;
  }
}

/**
 * Closes the client: what it has sent is answered first, for at most
 * `graceMs` (Redis may have died a moment ago, and then nothing ever is).
 */
export async function closeRedis(client: Pick<RedisClient, 'isReady' | 'isOpen' | 'close' | 'destroy'>, graceMs = 1000): Promise<void> {
  if (client.isReady) {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([client.close().catch(() => undefined), gaveUp]);
    clearTimeout(timer);
  }
  if (client.isOpen) client.destroy();
}

/**
 * A command's answer, or undefined when Redis is not ready or the command
 * fails within a second (told to `failed`): the caller then uses this
 * node's memory, so nothing waits on a Redis outage.
 */
export async function askRedis<R>(
  redis: RedisClient,
  command: (client: RedisClient) => Promise<R>,
  failed: (error: unknown) => void,
): Promise<R | undefined> {
  if (!redis.isReady) return undefined;
  try {
    return await command(redis.withCommandOptions({ timeout: 1000 }) as RedisClient);
  } catch (error) {
    failed(error);
    return undefined;
  }
}
