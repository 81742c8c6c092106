import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AllowOriginBody, ErrorResponse, RefusedOriginsBody, SiteSettings, UpdateSiteBody } from '@mostrador/shared';
import { errorResponses } from '../../plugins/errors.ts';
import { isOriginAllowed, normalizeOrigin } from './origin.ts';
import type { RefusedOrigins } from './refused-origins.ts';
import type { SiteRow } from './sites.repository.ts';
import type { SitesService } from './sites.service.ts';

function toSettings(site: SiteRow): SiteSettings {
  return {
    name: site.name,
    key: site.key,
    allowedOrigins: site.allowedOrigins,
    departmentChoice: site.departmentChoice,
    typingPreview: site.typingPreview,
    identityEnforced: site.identityEnforced,
    identitySecret: site.identitySecret,
    conversationRetentionDays: site.conversationRetentionDays,
    trailRetentionDays: site.trailRetentionDays,
    ratingEnabled: site.ratingEnabled,
    ratingAskAgain: site.ratingAskAgain,
    npsEnabled: site.npsEnabled,
    preChat: site.preChat,
    attachmentMaxMb: site.attachmentMaxMb,
    attachmentTypes: site.attachmentTypes,
    visitorUploads: site.visitorUploads,
  };
}

/** The admin's widget settings: name, allowed shop origins, department choice, typing preview, verified identity. */
export const siteSettingsRoutes: FastifyPluginAsyncZod<{ sites: SitesService; refusedOrigins: RefusedOrigins }> = async (
  app,
  { sites, refusedOrigins },
) => {
  app.addHook('preHandler', app.requireAdmin);
  const errors = errorResponses(ErrorResponse);

  app.get('/api/admin/site', { schema: { response: { 200: SiteSettings, ...errors } } }, async (request) =>
    toSettings(await sites.withIdentitySecret(sites.byId(request.agent!.siteId)!)),
  );

  app.patch('/api/admin/site', { schema: { body: UpdateSiteBody, response: { 200: SiteSettings, ...errors } } }, async (request) => {
    const { siteId, profile } = request.agent!;
    const site = await sites.update(siteId, request.body);
    await app.audit.record(siteId, profile.id, 'site.settings_changed', {
      type: 'site',
      id: siteId,
      details: { fields: Object.keys(request.body) },
    });
    return toSettings(await sites.withIdentitySecret(site));
  });

  app.post('/api/admin/site/identity-secret', { schema: { response: { 200: SiteSettings, ...errors } } }, async (request) => {
    const { siteId, profile } = request.agent!;
    const site = await sites.rotateIdentitySecret(siteId);
    await app.audit.record(siteId, profile.id, 'site.identity_secret_rotated', { type: 'site', id: siteId });
    return toSettings(site);
  });

  // Shop pages whose widget the server turned away lately, and the one-click fix.
  app.get('/api/admin/site/refused-origins', { schema: { response: { 200: RefusedOriginsBody, ...errors } } }, async (request) => {
    const { id, allowedOrigins } = sites.byId(request.agent!.siteId)!;
    // Allowed since by hand, in the origins list: no longer news. ('self' needs no listing: the demo shop is ours.)
    return { origins: refusedOrigins.list(id).filter(({ origin }) => !isOriginAllowed(origin, allowedOrigins, '')) };
  });

  app.post(
    '/api/admin/site/allowed-origins',
    { schema: { body: AllowOriginBody, response: { 200: SiteSettings, ...errors } } },
    async (request, reply) => {
      const origin = normalizeOrigin(request.body.origin);
      if (!origin) return reply.status(400).send({ error: { code: 'invalid_payload', message: 'Not an http(s) origin' } });
      const site = sites.byId(request.agent!.siteId)!;
      const allowedOrigins = site.allowedOrigins.includes(origin) ? site.allowedOrigins : [...site.allowedOrigins, origin];
      // Through the settings path, so the in-memory site (what the handshake reads) changes with the row.
      const updated = await sites.update(site.id, { allowedOrigins });
      refusedOrigins.forget(site.id, origin);
      return toSettings(await sites.withIdentitySecret(updated));
    },
  );
};
