import type { RuleCondition, TriggerFrequency, TriggerRuleInput } from '@mostrador/shared';
import type { ConditionDraft, FrequencyDraft, TriggerDraft } from './draft.ts';
import { COUNT_MAX, EVENT_NAME_MAX, HOURS_MAX, HOURS_MIN, NAME_MAX, SECONDS_MAX, SKU_MAX, TRIGGER_MESSAGE_MAX } from './limits.ts';
import {
  parseAmount,
  parseClock,
  parseCurrency,
  parseLanguages,
  parsePattern,
  parseRequired,
  parseTags,
  parseTimeZone,
  parseWholeNumber,
  type FieldError,
  type Parsed,
} from './parse.ts';

/** The inputs a condition row can flag. */
export type ConditionField =
  | 'seconds'
  | 'pattern'
  | 'min'
  | 'minPrice'
  | 'amount'
  | 'currency'
  | 'sku'
  | 'languages'
  | 'timeZone'
  | 'days'
  | 'from'
  | 'to'
  | 'name';

export type ConditionErrors = Partial<Record<ConditionField, FieldError>>;

export interface DraftErrors {
  name?: FieldError;
  /** By the row's key. */
  conditions: Partial<Record<number, ConditionErrors>>;
  message?: FieldError;
  tags?: FieldError;
  hours?: FieldError;
}

export type BuiltRule = { ok: true; input: TriggerRuleInput } | { ok: false; errors: DraftErrors };
export type BuiltCondition = { ok: true; condition: RuleCondition } | { ok: false; errors: ConditionErrors };

/** Collects each field's verdict: the values when all parse, else every field's error at once. */
class Checker<F extends string> {
  readonly errors: Partial<Record<F, FieldError>> = {};
  take<T>(field: F, parsed: Parsed<T>, fallback: T): T {
    if (parsed.ok) return parsed.value;
    this.errors[field] = parsed.error;
    return fallback;
  }
  get valid(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

function condition(draft: ConditionDraft, check: Checker<ConditionField>): RuleCondition {
  const { negate } = draft;
  const seconds = (text: string) => check.take('seconds', parseWholeNumber(text, 0, SECONDS_MAX), 0);
  switch (draft.type) {
    case 'time_on_page':
    case 'time_on_site':
    case 'checkout_idle':
    case 'idle':
      return { type: draft.type, negate, seconds: seconds(draft.seconds) };
    case 'pages_viewed':
    case 'cart_items':
      return { type: draft.type, negate, min: check.take('min', parseWholeNumber(draft.min, 0, COUNT_MAX), 0) };
    case 'url':
    case 'referrer':
      return { type: draft.type, negate, match: draft.match, pattern: check.take('pattern', parsePattern(draft.match, draft.pattern), '') };
    case 'utm':
      return {
        type: draft.type,
        negate,
        param: draft.param,
        match: draft.match,
        pattern: check.take('pattern', parsePattern(draft.match, draft.pattern), ''),
      };
    case 'product_page':
      return {
        type: draft.type,
        negate,
        // No minimum price means any product page.
        minPrice: draft.minPrice.trim() === '' ? null : check.take('minPrice', parseAmount(draft.minPrice), 0),
        currency: check.take('currency', parseCurrency(draft.currency), ''),
      };
    case 'cart_value':
      return {
        type: draft.type,
        negate,
        op: draft.op,
        amount: check.take('amount', parseAmount(draft.amount), 0),
        currency: check.take('currency', parseCurrency(draft.currency), ''),
      };
    case 'cart_contains':
      return { type: draft.type, negate, sku: check.take('sku', parseRequired(draft.sku, SKU_MAX), '') };
    case 'language':
      return { type: draft.type, negate, languages: check.take('languages', parseLanguages(draft.languages), []) };
    case 'business_hours': {
      const from = check.take('from', parseClock(draft.from), '');
      const to = check.take('to', parseClock(draft.to), '');
      // Equal times open for no minute at all: surely a slip, not a rule.
      if (from !== '' && from === to) check.errors.to = { key: 'conditions.errorSameTimes' };
      if (draft.days.length === 0) check.errors.days = { key: 'conditions.errorDays' };
      return {
        type: draft.type,
        negate,
        timeZone: check.take('timeZone', parseTimeZone(draft.timeZone), ''),
        days: [...draft.days].sort((a, b) => a - b),
        from,
        to,
      };
    }
    case 'event':
      return { type: draft.type, negate, name: check.take('name', parseRequired(draft.name, EVENT_NAME_MAX), '') };
    case 'exit_intent':
    case 'returning_visitor':
    case 'agents_online':
      return { type: draft.type, negate };
  }
}

export function buildCondition(draft: ConditionDraft): BuiltCondition {
  const check = new Checker<ConditionField>();
  const built = condition(draft, check);
  return check.valid ? { ok: true, condition: built } : { ok: false, errors: check.errors };
}

function frequency(draft: FrequencyDraft, check: Checker<'hours'>): TriggerFrequency {
  if (draft.kind !== 'every_hours') return { kind: draft.kind };
  return { kind: 'every_hours', hours: check.take('hours', parseWholeNumber(draft.hours, HOURS_MIN, HOURS_MAX), HOURS_MIN) };
}

/** The rule the server will accept, or every field that stops it, so the form can flag them all at once. */
export function buildRuleInput(draft: TriggerDraft): BuiltRule {
  const check = new Checker<'name' | 'message' | 'tags' | 'hours'>();
  const name = check.take('name', parseRequired(draft.name, NAME_MAX), '');
  const message = check.take('message', parseRequired(draft.action.message, TRIGGER_MESSAGE_MAX), '');
  const tags = check.take('tags', parseTags(draft.action.tags), []);
  const builtFrequency = frequency(draft.frequency, check);

  const conditions: RuleCondition[] = [];
  const conditionErrors: DraftErrors['conditions'] = {};
  for (const row of draft.conditions) {
    const built = buildCondition(row);
    if (built.ok) conditions.push(built.condition);
    else conditionErrors[row.key] = built.errors;
  }

  if (!check.valid || Object.keys(conditionErrors).length > 0) {
    return { ok: false, errors: { ...check.errors, conditions: conditionErrors } };
  }
  return {
    ok: true,
    input: {
      name,
      enabled: draft.enabled,
      conditions,
      action: {
        kind: draft.action.kind,
        message,
        agentId: draft.action.agentId || null,
        departmentId: draft.action.departmentId || null,
        tags,
      },
      frequency: builtFrequency,
    },
  };
}
