export { PresenceService, type PresenceHooks } from './presence.service.ts';
