export { TeamService, type Candidate, type NamedRef } from './team.service.ts';
