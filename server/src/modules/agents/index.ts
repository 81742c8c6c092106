export type { AuthenticatedAgent } from '../../plugins/session.ts';
export type { AgentRow, AgentsRepository } from './agents.repository.ts';
export { AgentsService, type AgentChanges, type NewAgent } from './agents.service.ts';
export type { SessionPorts } from './sessions.service.ts';
export { agentsRepositories, createAgentsModule, type AgentsModuleDeps, type AgentDepartments } from './agents.module.ts';
