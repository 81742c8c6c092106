import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Branding, WidgetBranding, ErrorResponse } from '@mostrador/shared';
import { errorResponses, statusForCode } from '../../plugins/errors.ts';
import type { SitesService } from './sites.service.ts';

export interface BrandingRouteDeps {
  sites: SitesService;
  /** The team's recent median time to a first reply, in seconds; null when too few conversations say. */
  replySeconds: (siteId: string) => number | null;
  /** A look was saved: the site's open widgets are told it (`branding:changed`). */
  brandingChanged: (siteId: string, branding: WidgetBranding) => void;
}

/** Admin → Branding: the widget's look, read and replaced whole; always the session's own site. */
export const brandingRoutes: FastifyPluginAsyncZod<BrandingRouteDeps> = async (app, { sites, replySeconds, brandingChanged }) => {
  app.addHook('preHandler', app.requireAdmin);
  const errors = errorResponses(ErrorResponse);

  app.get('/api/admin/site/branding', { schema: { response: { 200: WidgetBranding, ...errors } } }, async (request) => {
    const { siteId } = request.agent!;
    return { look: sites.brandingOf(sites.byId(siteId)!), replySeconds: replySeconds(siteId) };
  });

  app.put(
    '/api/admin/site/branding',
    { schema: { body: Branding, response: { 200: WidgetBranding, ...errors } } },
    async (request, reply) => {
      const { siteId, profile } = request.agent!;
      const saved = await sites.setBranding(siteId, request.body);
      if (!saved.ok) return reply.status(statusForCode(saved.error.code)).send({ error: saved.error });
      await app.audit.record(siteId, profile.id, 'site.branding_changed', { type: 'site', id: siteId });
      const branding = { look: saved.data, replySeconds: replySeconds(siteId) };
      brandingChanged(siteId, branding);
      return branding;
    },
  );
};
