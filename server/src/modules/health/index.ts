export { HealthService, type HealthProbes } from './health.service.ts';
export { healthRoutes } from './health.routes.ts';
