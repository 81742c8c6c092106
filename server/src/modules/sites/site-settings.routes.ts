import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse, SiteSettings, UpdateSiteBody } from '@mostrador/shared';
import { errorResponses } from '../../plugins/errors.ts';
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
  };
}

/** The admin's widget settings: name, allowed shop origins, department choice, typing preview, verified identity. */
export const siteSettingsRoutes: FastifyPluginAsyncZod<{ sites: SitesService }> = async (app, { sites }) => {
  app.addHook('preHandler', app.requireAdmin);
  const errors = errorResponses(ErrorResponse);

  app.get('/api/admin/site', { schema: { response: { 200: SiteSettings, ...errors } } }, async (request) =>
    toSettings(sites.withIdentitySecret(sites.byId(request.agent!.siteId)!)),
  );

  app.patch(
    '/api/admin/site',
    { schema: { body: UpdateSiteBody, response: { 200: SiteSettings, ...errors } } },
    async (request) => {
      const { siteId, profile } = request.agent!;
      const site = sites.update(siteId, request.body);
      await app.audit.record(siteId, profile.id, 'site.settings_changed', {
        type: 'site',
        id: siteId,
        details: { fields: Object.keys(request.body) },
      });
      return toSettings(sites.withIdentitySecret(site));
    },
  );

  app.post(
    '/api/admin/site/identity-secret',
    { schema: { response: { 200: SiteSettings, ...errors } } },
    async (request) => {
      const { siteId, profile } = request.agent!;
      const site = sites.rotateIdentitySecret(siteId);
      await app.audit.record(siteId, profile.id, 'site.identity_secret_rotated', { type: 'site', id: siteId });
      return toSettings(site);
    },
  );
};
