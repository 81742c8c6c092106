export type { SiteRow, SitesRepository } from './sites.repository.ts';
export { SitesService, type NewSite } from './sites.service.ts';
export { isOriginAllowed, normalizeOrigin, serverOriginOf, SELF_ORIGIN } from './origin.ts';
export { RefusedOrigins, SharedRefusal, type RefusalLog } from './refused-origins.ts';
export { createSitesModule, sitesRepository, type SitesModuleDeps } from './sites.module.ts';
