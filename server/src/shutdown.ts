import { setTimeout as sleep } from 'node:timers/promises';
import type { App } from './app.ts';

/**
 * What SIGTERM does, in order, so a deploy or a scale-in loses nobody:
 * 1. the node says it is not ready (`/api/ready` answers 503), so a load
 *    balancer stops sending it new clients, while it keeps serving the
 *    ones it has for `drainMs` (the balancer's time to notice);
 * 2. `closeFirst` (listeners outside Fastify, such as inbound SMTP) stop;
 * 3. Fastify closes: the sockets' transports close, so every widget and
 *    console reconnects on its own (to another node behind a balancer, or
 *    to this one restarted) and resyncs by sequence; HTTP stops accepting;
 *    writes already queued reach the disk before the database closes.
 */
export async function drainAndClose(
  app: App,
  drainMs: number,
  closeFirst: readonly (() => Promise<void>)[] = [],
  /** Aborted (a second signal), the wait ends at once and the close goes on. */
  hurry?: AbortSignal,
): Promise<void> {
  app.services.health.beginDrain();
  app.log.info({ drainMs }, 'draining: not ready for new clients');
  if (drainMs > 0) await sleep(drainMs, undefined, hurry ? { signal: hurry } : {}).catch(() => undefined);
  for (const close of closeFirst) await close();
  await app.close();
}
