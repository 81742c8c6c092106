import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthReport, ReadyReport } from '@mostrador/shared';
import type { HealthService } from './health.service.ts';

export interface HealthRoutesOptions {
  health: HealthService;
}

/** Public and cheap: monitors poll health, load balancers poll ready, often. Both answer 503 when the answer is no. */
export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesOptions> = async (app, { health }) => {
  app.get('/api/health', { schema: { response: { 200: HealthReport, 503: HealthReport } } }, async (_request, reply) => {
    const report = await health.report();
    return reply.status(report.ok ? 200 : 503).send(report);
  });

  app.get('/api/ready', { schema: { response: { 200: ReadyReport, 503: ReadyReport } } }, async (_request, reply) => {
    const ready = await health.ready();
    return reply.status(ready ? 200 : 503).send({ ready });
  });
};
