export { TeamService, type Candidate, type NamedRef } from './team.service.ts';
export { createStatusLogModule } from './team.module.ts';
