import type { FastifyInstance } from 'fastify';
import { redisAnswers, type RedisClient } from '../../realtime/redis-client.ts';
import { healthRoutes } from './health.routes.ts';
import { HealthService } from './health.service.ts';

/** How long Redis has to answer a health probe: load balancers poll often and must not pile up. */
export const REDIS_PROBE_TIMEOUT_MS = 500;

/** Health and readiness, for monitors and load balancers. */
export function createHealthModule(deps: { app: FastifyInstance; redis: RedisClient | null }) {
  const { app, redis } = deps;
  const health = new HealthService({
    engine: app.engine.kind,
    databaseUp: () => app.databaseUp(),
    redis: async () => {
      if (!redis) return 'off';
      return (await redisAnswers(redis, REDIS_PROBE_TIMEOUT_MS)) ? 'up' : 'down';
    },
  });
  return {
    health,
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(healthRoutes, { health });
    },
  };
}
