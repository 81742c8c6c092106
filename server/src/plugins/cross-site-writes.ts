import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { normalizeOrigin, serverOriginOf } from '../modules/sites/index.ts';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface CrossSiteWritesOptions {
  /** Extra origins the console may be served from, as for the agent socket. */
  consoleOrigins: string[];
  trustProxy: boolean;
}

/**
 * Refuses a state-changing call (all of them are under /api/) that a browser made for another site.
 * The session cookie is SameSite=Lax, which stops most of these already;
 * this is the second layer, for browsers or paths where Lax does not hold
 * (a sibling subdomain is "same-site"). A request without Origin and without
 * Sec-Fetch-Site did not come from a browser page (curl, scripts, tests).
 */
export const crossSiteWritesPlugin = fp<CrossSiteWritesOptions>(
  async (app, { consoleOrigins, trustProxy }) => {
    const extraOrigins = new Set(consoleOrigins.map(normalizeOrigin));
    const isConsoleOrigin = (request: FastifyRequest, origin: string) => {
      const normalized = normalizeOrigin(origin);
      if (normalized === null) return false;
      return normalized === normalizeOrigin(serverOriginOf(request.headers, trustProxy)) || extraOrigins.has(normalized);
    };

    app.addHook('onRequest', async (request, reply) => {
      // Every route, not just /api/: a path check on the raw URL could be dodged by its encoding.
      if (!WRITES.has(request.method)) return;
      // Routes that take the visitor's token, never a cookie, are for shop pages on other origins by design.
      if (request.routeOptions.config.visitorToken === true) return;
      const origin = request.headers.origin;
      const fetchSite = request.headers['sec-fetch-site'];
      const refused =
        fetchSite === 'cross-site' ||
        (fetchSite === 'same-site' && !(origin && isConsoleOrigin(request, origin))) ||
        (origin !== undefined && !isConsoleOrigin(request, origin));
      if (refused) {
        await reply.status(403).send({ error: { code: 'forbidden', message: 'Cross-site request refused' } });
      }
    });
  },
  { name: 'cross-site-writes', fastify: '5.x' },
);
