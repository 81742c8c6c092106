export { AgentConsoles, PresenceService, type PresenceHooks } from './presence.service.ts';
