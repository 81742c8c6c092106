export { SitesRepository, type SiteRow } from './sites.repository.ts';
export { SitesService, type NewSite } from './sites.service.ts';
export { isOriginAllowed, normalizeOrigin, serverOriginOf, SELF_ORIGIN } from './origin.ts';
export { siteSettingsRoutes } from './site-settings.routes.ts';
export { RefusedOrigins, type RefusalLog } from './refused-origins.ts';
export { brandingRoutes } from './branding.routes.ts';
export { createSitesModule, type SitesModuleDeps } from './sites.module.ts';
