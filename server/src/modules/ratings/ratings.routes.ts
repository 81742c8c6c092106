import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse, NpsReport, NpsReportQuery } from '@mostrador/shared';
import { errorResponses } from '../../plugins/errors.ts';
import type { RatingsService } from './ratings.service.ts';

/** The site's NPS (promoters minus detractors) over a period, for admins and the reports to come. */
export const ratingsRoutes: FastifyPluginAsyncZod<{ ratings: RatingsService }> = async (app, { ratings }) => {
  const errors = errorResponses(ErrorResponse);

  app.get(
    '/api/admin/reports/nps',
    { preHandler: app.requireAdmin, schema: { querystring: NpsReportQuery, response: { 200: NpsReport, ...errors } } },
    async (request) => ratings.npsReport(request.agent!.siteId, request.query.from, request.query.to),
  );
};
