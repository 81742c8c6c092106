import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health.routes.ts';
import { HealthService } from './health.service.ts';

/** Health and readiness, for monitors and load balancers. */
export function createHealthModule(deps: { app: FastifyInstance }) {
  const { app } = deps;
  const health = new HealthService({
    engine: 'sqlite',
    databaseUp: () => {
      try {
        return app.sqlite.prepare('SELECT 1').pluck().get() === 1;
      } catch {
        return false;
      }
    },
    redis: () => 'off',
  });
  return {
    health,
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(healthRoutes, { health });
    },
  };
}
