import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../db/engine.ts';
import { brandingRoutes, type BrandingRouteDeps } from './branding.routes.ts';
import { RefusedOrigins, type RefusalLog, type SharedRefusal } from './refused-origins.ts';
import type { NodeDirectory } from '../../realtime/node-directory.ts';
import { siteSettingsRoutes } from './site-settings.routes.ts';
import type { SiteRow, SitesRepository } from './sites.repository.ts';
import { PgSitesRepository } from './sites.repository.pg.ts';
import { SqliteSitesRepository } from './sites.repository.sqlite.ts';
import { SitesService } from './sites.service.ts';

export interface SitesModuleDeps {
  engine: Engine;
  log: RefusalLog;
  /** Where each node tells the others the origins it refused (the cluster's directory). */
  refusalsAcrossNodes: NodeDirectory<SharedRefusal>;
  /** A new site's starting content; the site is answered once it is written. */
  siteCreated: (site: SiteRow) => Promise<void>;
  /** What the branding page shows and tells beside the site's own settings. */
  branding: Omit<BrandingRouteDeps, 'sites'>;
}

export function sitesRepository(engine: Engine): SitesRepository {
  return engine.kind === 'sqlite' ? new SqliteSitesRepository(engine.db) : new PgSitesRepository(engine.db);
}

/**
 * The shops served, their settings and look, and the origins their visitors
 * were refused from. Every site is read into memory by `sites.load()` before the app serves.
 */
export async function createSitesModule(deps: SitesModuleDeps) {
  const sites = new SitesService(sitesRepository(deps.engine), deps.siteCreated);
  await sites.load();
  // Shop pages turned away at the visitor handshake: a warning in the log, a list in the console.
  const refusedOrigins = new RefusedOrigins(deps.log, Date.now, deps.refusalsAcrossNodes);
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
