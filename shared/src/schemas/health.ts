import { z } from 'zod';

/**
 * `GET /api/health`: what a monitor reads. Public, so it names states, never
 * versions, paths or addresses. `ok` is false while any part is down.
 */
export const HealthReport = z.object({
  ok: z.boolean(),
  /** `draining` from SIGTERM until the process exits: the node finishes its work and takes no new. */
  status: z.enum(['serving', 'draining']),
  engine: z.enum(['sqlite', 'postgres']),
  database: z.enum(['up', 'down']),
  /** `off` when no Redis is configured (one node, the default). */
  redis: z.enum(['up', 'down', 'off']),
});
export type HealthReport = z.infer<typeof HealthReport>;

/** `GET /api/ready`: 200 while a load balancer may send this node new clients, 503 otherwise. */
export const ReadyReport = z.object({ ready: z.boolean() });
export type ReadyReport = z.infer<typeof ReadyReport>;
