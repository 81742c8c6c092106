export { defaultRules, ENGLISH_DEFAULTS, type DefaultRuleTexts } from './default-rules.ts';
export { TriggersService, type Invitation, type TriggerDirectory } from './triggers.service.ts';
export { createTriggersModule, type TriggersModuleDeps } from './triggers.module.ts';
export { TriggerEngine, type TabFacts, type TriggerEnginePorts } from './trigger-engine.ts';
