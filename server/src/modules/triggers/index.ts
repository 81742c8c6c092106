export { defaultRules, ENGLISH_DEFAULTS, type DefaultRuleTexts } from './default-rules.ts';
export { TriggersRepository } from './triggers.repository.ts';
export { triggerRoutes } from './triggers.routes.ts';
export { TriggersService, type Invitation, type TriggerDirectory } from './triggers.service.ts';
export { TriggersPersonalData } from './triggers.personal-data.ts';
export { createTriggersModule, type TriggersModuleDeps } from './triggers.module.ts';
