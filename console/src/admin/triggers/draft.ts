import type { ConditionType, TriggerAction, TriggerCondition, TriggerFrequency, TriggerRule } from '@mostrador/shared';

/** Numbers stay text while typed (so "" and "4," can be corrected); a list of languages is one line. */
type Editable<T> = T extends number | null ? string : T extends readonly string[] ? string : T;
type EditableCondition<C> = { [K in keyof C]: Editable<C[K]> };
type DraftOf<C> = C extends unknown ? EditableCondition<C> & { key: number; negate: boolean } : never;

/** A condition as the editor holds it; `key` tells rows apart while they are added and removed. */
export type ConditionDraft = DraftOf<TriggerCondition>;

export interface ActionDraft {
  kind: TriggerAction['kind'];
  message: string;
  /** Empty: written as the shop. */
  agentId: string;
  /** Empty: the site's general queue. */
  departmentId: string;
  /** Comma-separated, as typed. */
  tags: string;
}

export interface FrequencyDraft {
  kind: TriggerFrequency['kind'];
  /** Kept while another kind is picked, so switching back does not lose it. */
  hours: string;
}

export interface TriggerDraft {
  name: string;
  enabled: boolean;
  conditions: ConditionDraft[];
  action: ActionDraft;
  frequency: FrequencyDraft;
}

/** What a new condition starts from where the browser knows better than a constant. */
export interface ConditionDefaults {
  currency: string;
  timeZone: string;
}

/** Monday to Friday: 0 is Sunday in the contract. */
const WEEKDAYS = [1, 2, 3, 4, 5];

/** A new row of the given type, with values that already make sense for most shops. */
export function newCondition(type: ConditionType, key: number, defaults: ConditionDefaults): ConditionDraft {
  const base = { key, negate: false };
  switch (type) {
    case 'time_on_page':
    case 'idle':
      return { ...base, type, seconds: '30' };
    case 'time_on_site':
    case 'checkout_idle':
      return { ...base, type, seconds: '60' };
    case 'url':
    case 'referrer':
      return { ...base, type, match: 'glob', pattern: '' };
    case 'utm':
      return { ...base, type, param: 'campaign', match: 'glob', pattern: '' };
    case 'pages_viewed':
      return { ...base, type, min: '3' };
    case 'cart_items':
      return { ...base, type, min: '1' };
    case 'product_page':
      return { ...base, type, minPrice: '', currency: defaults.currency };
    case 'cart_value':
      return { ...base, type, op: 'gte', amount: '', currency: defaults.currency };
    case 'cart_contains':
      return { ...base, type, sku: '' };
    case 'language':
      return { ...base, type, languages: '' };
    case 'business_hours':
      return { ...base, type, timeZone: defaults.timeZone, days: WEEKDAYS, from: '09:00', to: '18:00' };
    case 'event':
      return { ...base, type, name: '' };
    case 'exit_intent':
    case 'returning_visitor':
    case 'agents_online':
      return { ...base, type };
  }
}

function conditionDraft(condition: TriggerRule['conditions'][number], key: number): ConditionDraft {
  const base = { key, negate: condition.negate };
  switch (condition.type) {
    case 'time_on_page':
    case 'time_on_site':
    case 'checkout_idle':
    case 'idle':
      return { ...base, type: condition.type, seconds: String(condition.seconds) };
    case 'pages_viewed':
    case 'cart_items':
      return { ...base, type: condition.type, min: String(condition.min) };
    case 'product_page':
      return {
        ...base,
        type: condition.type,
        minPrice: condition.minPrice === null ? '' : String(condition.minPrice),
        currency: condition.currency,
      };
    case 'cart_value':
      return { ...base, type: condition.type, op: condition.op, amount: String(condition.amount), currency: condition.currency };
    case 'language':
      return { ...base, type: condition.type, languages: condition.languages.join(', ') };
    case 'url':
    case 'referrer':
      return { ...base, type: condition.type, match: condition.match, pattern: condition.pattern };
    case 'utm':
      return { ...base, type: condition.type, param: condition.param, match: condition.match, pattern: condition.pattern };
    case 'cart_contains':
      return { ...base, type: condition.type, sku: condition.sku };
    case 'business_hours':
      return { ...base, type: condition.type, timeZone: condition.timeZone, days: condition.days, from: condition.from, to: condition.to };
    case 'event':
      return { ...base, type: condition.type, name: condition.name };
    case 'exit_intent':
    case 'returning_visitor':
    case 'agents_online':
      return { ...base, type: condition.type };
  }
}

export function emptyDraft(): TriggerDraft {
  return {
    name: '',
    enabled: true,
    conditions: [],
    action: { kind: 'teaser', message: '', agentId: '', departmentId: '', tags: '' },
    frequency: { kind: 'once_per_session', hours: '24' },
  };
}

export function draftFromRule(rule: TriggerRule): TriggerDraft {
  const { action, frequency } = rule;
  return {
    name: rule.name,
    enabled: rule.enabled,
    conditions: rule.conditions.map((condition, index) => conditionDraft(condition, index + 1)),
    action: {
      kind: action.kind,
      message: action.message,
      agentId: action.agentId ?? '',
      departmentId: action.departmentId ?? '',
      tags: action.tags.join(', '),
    },
    frequency: { kind: frequency.kind, hours: frequency.kind === 'every_hours' ? String(frequency.hours) : '24' },
  };
}

/** The key for the next row: one past the highest, so a removed row's key is never reused while mounted. */
export function nextConditionKey(conditions: readonly ConditionDraft[]): number {
  return conditions.reduce((highest, condition) => Math.max(highest, condition.key), 0) + 1;
}
