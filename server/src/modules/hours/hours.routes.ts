import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse, SiteHours } from '@mostrador/shared';
import { errorResponses, statusForCode } from '../../plugins/errors.ts';
import type { HoursService } from './hours.service.ts';

/** The admin's business hours editor: the site's schedule and per-department overrides, read and replaced whole. */
export const hoursRoutes: FastifyPluginAsyncZod<{ hours: HoursService }> = async (app, { hours }) => {
  app.addHook('preHandler', app.requireAdmin);
  const errors = errorResponses(ErrorResponse);

  app.get('/api/admin/hours', { schema: { response: { 200: SiteHours, ...errors } } }, async (request) => hours.get(request.agent!.siteId));

  app.put('/api/admin/hours', { schema: { body: SiteHours, response: { 200: SiteHours, ...errors } } }, async (request, reply) => {
    const replaced = await hours.replace(request.agent!.siteId, request.body);
    if (!replaced.ok) return reply.status(statusForCode(replaced.error.code)).send({ error: replaced.error });
    return replaced.data;
  });
};
