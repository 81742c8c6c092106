export type { AuthenticatedAgent } from '../../plugins/session.ts';
export { AgentsRepository, type AgentRow } from './agents.repository.ts';
export { AgentsService, type AgentChanges, type NewAgent } from './agents.service.ts';
export type { SessionPorts } from './sessions.service.ts';
export { createAgentsModule, type AgentsModuleDeps, type AgentDepartments } from './agents.module.ts';
