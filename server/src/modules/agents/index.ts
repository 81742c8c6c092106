export { AgentsRepository, type AgentRow } from './agents.repository.ts';
export { AgentsService, type AgentChanges, type AuthenticatedAgent, type NewAgent } from './agents.service.ts';
export { authRoutes } from './auth.routes.ts';
export { adminAgentRoutes } from './admin-agents.routes.ts';
export { LoginThrottle, loginRouteLimits } from './login-throttle.ts';
