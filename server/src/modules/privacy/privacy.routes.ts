import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditPage, AuditQuery, EraseBody, EraseResult, ErrorResponse, PrivacyExport, PrivacySubjectParams } from '@mostrador/shared';
import { errorResponses, statusForCode } from '../../plugins/errors.ts';
import type { AuditLog } from './audit-log.ts';
import type { PrivacyService } from './privacy.service.ts';

export interface PrivacyRoutesOptions {
  privacy: PrivacyService;
  audit: AuditLog;
}

/** Admin privacy tools: export and erase a visitor or customer, and read the audit log. */
export const privacyRoutes: FastifyPluginAsyncZod<PrivacyRoutesOptions> = async (app, { privacy, audit }) => {
  app.addHook('preHandler', app.requireAdmin);
  const errors = errorResponses(ErrorResponse);

  app.get(
    '/api/admin/privacy/:kind/:id/export',
    { schema: { params: PrivacySubjectParams, response: { 200: PrivacyExport, ...errors } } },
    async (request, reply) => {
      const { siteId, profile } = request.agent!;
      const result = await privacy.exportSubject(siteId, profile.id, request.params);
      if (!result.ok) return reply.status(statusForCode(result.error.code)).send({ error: result.error });
      const { kind, id } = request.params;
      return reply
        .header('content-disposition', `attachment; filename="mostrador-${kind}-${id}.json"`)
        .header('cache-control', 'no-store')
        .send(result.data);
    },
  );

  app.post(
    '/api/admin/privacy/:kind/:id/erase',
    { schema: { params: PrivacySubjectParams, body: EraseBody, response: { 200: EraseResult, ...errors } } },
    async (request, reply) => {
      const { siteId, profile } = request.agent!;
      const result = await privacy.erase(siteId, profile.id, request.params);
      if (!result.ok) return reply.status(statusForCode(result.error.code)).send({ error: result.error });
      return result.data;
    },
  );

  app.get(
    '/api/admin/audit',
    { schema: { querystring: AuditQuery, response: { 200: AuditPage, ...errors } } },
    async (request) => await audit.page(request.agent!.siteId, request.query.before, request.query.limit),
  );
};
