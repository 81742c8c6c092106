export { HealthService, type HealthProbes } from './health.service.ts';
export { createHealthModule } from './health.module.ts';
