export { AuditLog } from './audit-log.ts';
export type { PersonalDataSource, RetentionKind, SubjectResolver, SubjectScope } from './personal-data.ts';
export { PrivacyRegistry } from './privacy-registry.ts';
export { privacyRoutes } from './privacy.routes.ts';
export { PrivacyService, type PrivacyPorts } from './privacy.service.ts';
export { RetentionJob, type RetentionOptions, type RetentionRun, type RetentionSite } from './retention.ts';
export { createPrivacyModule, type PrivacyModuleDeps } from './privacy-module.ts';
