import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, ReportQuery, ReportSummary } from '@mostrador/shared';
import { errorResponses, statusForCode } from '../../plugins/errors.ts';
import { agentsCsv, daysCsv } from './reports.csv.ts';
import type { ReportsService } from './reports.service.ts';

/** The site's reports, for admins: the site comes from the session, never the query. */
export const reportsRoutes: FastifyPluginAsyncZod<{
  reports: ReportsService;
  /** An agent's name on the site, for the per-agent CSV; undefined for another site's id. */
  agentName: (siteId: string, agentId: string) => string | undefined;
}> = async (app, { reports, agentName }) => {
  const errors = errorResponses(ErrorResponse);

  app.get(
    '/api/admin/reports/summary',
    { preHandler: app.requireAdmin, schema: { querystring: ReportQuery, response: { 200: ReportSummary, ...errors } } },
    async (request, reply) => {
      const result = await reports.summary(request.agent!.siteId, request.query);
      if (!result.ok) return reply.status(statusForCode(result.error.code)).send({ error: result.error });
      return result.data;
    },
  );

  app.get(
    '/api/admin/reports/days.csv',
    { preHandler: app.requireAdmin, schema: { querystring: ReportQuery, response: { 200: z.string(), ...errors } } },
    async (request, reply) => {
      const result = await reports.summary(request.agent!.siteId, request.query);
      if (!result.ok) return reply.status(statusForCode(result.error.code)).send({ error: result.error });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="report-${request.query.from}-${request.query.to}.csv"`)
        .send(daysCsv(result.data));
    },
  );

  app.get(
    '/api/admin/reports/agents.csv',
    { preHandler: app.requireAdmin, schema: { querystring: ReportQuery, response: { 200: z.string(), ...errors } } },
    async (request, reply) => {
      const siteId = request.agent!.siteId;
      const result = await reports.summary(siteId, request.query);
      if (!result.ok) return reply.status(statusForCode(result.error.code)).send({ error: result.error });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="report-agents-${request.query.from}-${request.query.to}.csv"`)
        .send(agentsCsv(result.data, (agentId) => agentName(siteId, agentId)));
    },
  );
};
