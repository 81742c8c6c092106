export { HealthService, type HealthProbes } from './health.service.ts';
export { healthRoutes } from './health.routes.ts';
export { createHealthModule } from './health.module.ts';
