export { ActivityRepository } from './activity.repository.ts';
export { identityHash } from './identity-hash.ts';
export {
  DEFAULT_ACTIVITY_OPTIONS,
  VisitorActivity,
  type VisitorActivityOptions,
  type VisitorActivityPorts,
} from './visitor-activity.service.ts';
export { attachVisitorWatching, visitorContextHandlers, type VisitorWatching } from './visitors.socket.ts';
export { VisitorsRepository, type VisitorRow } from './visitors.repository.ts';
export { VisitorsService, type IdentifiedVisitor } from './visitors.service.ts';
export { parseUserAgent } from './user-agent.ts';
export { VisitorsPersonalData } from './visitors.personal-data.ts';
export { createVisitorsModule } from './visitors.module.ts';
export { createActivityModule, type ActivityModuleDeps } from './activity.module.ts';
