import type {
  PATTERN_MAX as SharedPatternMax,
  TRIGGER_CONDITIONS_MAX as SharedConditionsMax,
  TRIGGER_MESSAGE_MAX as SharedMessageMax,
  TRIGGER_RULES_MAX as SharedRulesMax,
  UTM_PARAMS as SharedUtmParams,
} from '@mostrador/shared';

/*
 * Copies of the trigger contract's limits. Importing the values would pull
 * zod into the console bundle (they live beside the schemas); typing each copy
 * as the shared constant's type makes tsc fail if the two ever drift apart.
 */
export const PATTERN_MAX: typeof SharedPatternMax = 300;
export const TRIGGER_MESSAGE_MAX: typeof SharedMessageMax = 500;
export const TRIGGER_CONDITIONS_MAX: typeof SharedConditionsMax = 12;
export const TRIGGER_RULES_MAX: typeof SharedRulesMax = 50;
export const UTM_PARAMS: typeof SharedUtmParams = ['source', 'medium', 'campaign', 'term', 'content'];

/** The rest mirror the zod rules in shared/src/schemas/triggers.ts, which have no named constant. */
export const NAME_MAX = 80;
export const SECONDS_MAX = 86_400;
export const COUNT_MAX = 10_000;
export const MONEY_MAX = 1e9;
export const SKU_MAX = 100;
export const EVENT_NAME_MAX = 60;
export const TIME_ZONE_MAX = 64;
export const LANGUAGES_MAX = 20;
export const TAGS_MAX = 5;
export const TAG_MAX = 30;
export const HOURS_MIN = 1;
export const HOURS_MAX = 720;
