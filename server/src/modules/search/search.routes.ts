import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse, SearchQuery, SearchResults } from '@mostrador/shared';
import { errorResponses } from '../../plugins/errors.ts';
import type { SearchService } from './search.service.ts';

/** GET /api/search: any agent, over what that agent may see of the session's site. */
export const searchRoutes: FastifyPluginAsyncZod<{ search: SearchService }> = async (app, { search }) => {
  app.addHook('preHandler', app.requireAgent);
  app.get('/api/search', { schema: { querystring: SearchQuery, response: { 200: SearchResults, ...errors() } } }, async (request) => {
    const { profile, siteId } = request.agent!;
    const { q, offset, ...filters } = request.query;
    return search.search({ siteId, agentId: profile.id, role: profile.role, departmentIds: profile.departmentIds }, q, filters, offset);
  });
};

function errors() {
  return errorResponses(ErrorResponse);
}
