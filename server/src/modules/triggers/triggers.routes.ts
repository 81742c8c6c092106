import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ErrorResponse,
  TriggerBody,
  TriggerListBody,
  TriggerOrderBody,
  TriggerParams,
  TriggerReportBody,
  TriggerReportQuery,
  TriggerRuleInput,
  UpdateTriggerBody,
} from '@mostrador/shared';
import { z } from 'zod';
import { errorResponses, statusForCode } from '../../plugins/errors.ts';
import type { TriggersService } from './triggers.service.ts';

/** The admin's trigger rules: list, create, edit, delete, order, and what they achieved. */
export const triggerRoutes: FastifyPluginAsyncZod<{ triggers: TriggersService }> = async (app, { triggers }) => {
  app.addHook('preHandler', app.requireAdmin);
  const errors = errorResponses(ErrorResponse);

  app.get('/api/admin/triggers', { schema: { response: { 200: TriggerListBody, ...errors } } }, async (request) => ({
    triggers: triggers.list(request.agent!.siteId),
  }));

  app.post(
    '/api/admin/triggers',
    { schema: { body: TriggerRuleInput, response: { 201: TriggerBody, ...errors } } },
    async (request, reply) => {
      const created = await triggers.create(request.agent!.siteId, request.body);
      if (!created.ok) return reply.status(statusForCode(created.error.code)).send({ error: created.error });
      await app.audit.record(request.agent!.siteId, request.agent!.profile.id, 'trigger.created', { type: 'trigger', id: created.data.id });
      return reply.status(201).send({ trigger: created.data });
    },
  );

  app.put(
    '/api/admin/triggers/order',
    { schema: { body: TriggerOrderBody, response: { 200: TriggerListBody, ...errors } } },
    async (request, reply) => {
      const ordered = await triggers.reorder(request.agent!.siteId, request.body.ids);
      if (!ordered.ok) return reply.status(statusForCode(ordered.error.code)).send({ error: ordered.error });
      await app.audit.record(request.agent!.siteId, request.agent!.profile.id, 'trigger.reordered', {
        type: 'site',
        id: request.agent!.siteId,
      });
      return { triggers: ordered.data };
    },
  );

  app.get(
    '/api/admin/triggers/report',
    { schema: { querystring: TriggerReportQuery, response: { 200: TriggerReportBody, ...errors } } },
    async (request) => triggers.report(request.agent!.siteId, request.query.days, request.query.attributionDays),
  );

  app.patch(
    '/api/admin/triggers/:triggerId',
    { schema: { params: TriggerParams, body: UpdateTriggerBody, response: { 200: TriggerBody, ...errors } } },
    async (request, reply) => {
      const updated = await triggers.update(request.agent!.siteId, request.params.triggerId, request.body);
      if (!updated.ok) return reply.status(statusForCode(updated.error.code)).send({ error: updated.error });
      await app.audit.record(request.agent!.siteId, request.agent!.profile.id, 'trigger.updated', {
        type: 'trigger',
        id: updated.data.id,
        details: { fields: Object.keys(request.body) },
      });
      return { trigger: updated.data };
    },
  );

  app.delete(
    '/api/admin/triggers/:triggerId',
    { schema: { params: TriggerParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const deleted = await triggers.delete(request.agent!.siteId, request.params.triggerId);
      if (!deleted.ok) return reply.status(statusForCode(deleted.error.code)).send({ error: deleted.error });
      await app.audit.record(request.agent!.siteId, request.agent!.profile.id, 'trigger.deleted', {
        type: 'trigger',
        id: request.params.triggerId,
      });
      return reply.status(204).send(null);
    },
  );
};
