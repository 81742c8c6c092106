import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { brandingRoutes, type BrandingRouteDeps } from './branding.routes.ts';
import { RefusedOrigins, type RefusalLog } from './refused-origins.ts';
import { siteSettingsRoutes } from './site-settings.routes.ts';
import { SitesRepository, type SiteRow } from './sites.repository.ts';
import { SitesService } from './sites.service.ts';

export interface SitesModuleDeps {
  db: Db;
  log: RefusalLog;
  /** A new site's starting content. */
  siteCreated: (site: SiteRow) => void;
  /** What the branding page shows and tells beside the site's own settings. */
  branding: Omit<BrandingRouteDeps, 'sites'>;
}

/** The shops served, their settings and look, and the origins their visitors were refused from. */
export function createSitesModule(deps: SitesModuleDeps) {
  const sites = new SitesService(new SitesRepository(deps.db), deps.siteCreated);
  // Shop pages turned away at the visitor handshake: a warning in the log, a list in the console.
  const refusedOrigins = new RefusedOrigins(deps.log);
  return {
    sites,
    refusedOrigins,
    async settingsRoutes(server: FastifyInstance): Promise<void> {
      await server.register(siteSettingsRoutes, { sites, refusedOrigins });
    },
    async brandingRoutes(server: FastifyInstance): Promise<void> {
      await server.register(brandingRoutes, { sites, ...deps.branding });
    },
  };
}
