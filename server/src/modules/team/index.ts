export { TeamService, type Candidate, type NamedRef } from './team.service.ts';
export { AgentStatusLog } from './status-log.ts';
export { StatusLogRepository } from './status-log.repository.ts';
export { createStatusLogModule } from './team.module.ts';
