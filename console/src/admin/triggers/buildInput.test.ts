import { beforeAll, describe, expect, it } from 'vitest';
import { buildCondition, buildRuleInput } from './buildInput.ts';
import { emptyDraft, newCondition, type ConditionDraft, type TriggerDraft } from './draft.ts';
import { loadRegexCheck } from './regexCheck.ts';

// The server's engine, as the triggers page loads it.
beforeAll(loadRegexCheck);

const defaults = { currency: 'EUR', timeZone: 'Europe/Madrid' };

function draftWith(conditions: ConditionDraft[], changes: Partial<TriggerDraft> = {}): TriggerDraft {
  const draft = emptyDraft();
  return { ...draft, name: 'Rescue', conditions, action: { ...draft.action, message: 'Can I help?' }, ...changes };
}

describe('buildCondition', () => {
  it('reads numbers typed the Catalan way and upper-cases the currency', () => {
    const cart = { ...newCondition('cart_value', 1, defaults), amount: '49,90', currency: 'usd' };
    expect(buildCondition(cart)).toEqual({
      ok: true,
      condition: { type: 'cart_value', negate: false, op: 'gte', amount: 49.9, currency: 'USD' },
    });
  });

  it('leaves out the minimum price when empty, so any product page counts', () => {
    expect(buildCondition(newCondition('product_page', 1, defaults))).toEqual({
      ok: true,
      condition: { type: 'product_page', negate: false, minPrice: null, currency: 'EUR' },
    });
  });

  it('names what is wrong with each field', () => {
    const seconds = { ...newCondition('time_on_page', 1, defaults), seconds: '4.5' };
    const languages = { ...newCondition('language', 2, defaults), languages: 'ca-ES, español' };
    const hours = { ...newCondition('business_hours', 3, defaults), days: [], from: '09:00', to: '09:00', timeZone: 'Mars/Olympus' };
    expect(buildCondition(seconds)).toEqual({
      ok: false,
      errors: { seconds: { key: 'conditions.errorWhole', params: { min: 0, max: 86_400 } } },
    });
    expect(buildCondition(languages)).toEqual({
      ok: false,
      errors: { languages: { key: 'conditions.errorLanguage', params: { code: 'español' } } },
    });
    const built = buildCondition(hours);
    expect(built.ok ? [] : Object.keys(built.errors).sort()).toEqual(['days', 'timeZone', 'to']);
  });

  it('compiles regular expressions with the server’s engine, which has no lookaround, and passes globs through', () => {
    const broken: ConditionDraft = { key: 1, negate: false, type: 'url', match: 'regex', pattern: '/checkout/(step' };
    const built = buildCondition(broken);
    expect(built.ok).toBe(false);
    expect(built.ok ? undefined : built.errors.pattern?.key).toBe('conditions.errorRegex');
    expect(buildCondition({ ...broken, match: 'glob' })).toMatchObject({ ok: true });
    const lookahead = buildCondition({ ...broken, pattern: '^/p/(?!sale)' });
    expect(lookahead.ok ? undefined : lookahead.errors.pattern).toEqual({
      key: 'conditions.errorRegex',
      params: { detail: 'invalid or unsupported Perl syntax: `(?!`' },
    });
    expect(buildCondition({ ...broken, pattern: '^/p/[a-z]+/(size|color)$' })).toMatchObject({ ok: true });
  });
});

describe('buildRuleInput', () => {
  it('builds the rule the server expects, with empty choices as null and tags cleaned', () => {
    const draft = draftWith([{ ...newCondition('idle', 1, defaults), negate: true }], {
      action: { kind: 'open', message: '  Hola!  ', agentId: '', departmentId: 'dep_sales', tags: 'vip, , cart ,vip' },
      frequency: { kind: 'every_hours', hours: '12' },
    });
    expect(buildRuleInput(draft)).toEqual({
      ok: true,
      input: {
        name: 'Rescue',
        enabled: true,
        conditions: [{ type: 'idle', negate: true, seconds: 30 }],
        action: { kind: 'open', message: 'Hola!', agentId: null, departmentId: 'dep_sales', tags: ['vip', 'cart'] },
        frequency: { kind: 'every_hours', hours: 12 },
      },
    });
  });

  it('reports every problem at once, conditions by their row key', () => {
    const draft = draftWith([newCondition('cart_contains', 7, defaults)], {
      name: ' ',
      action: { kind: 'teaser', message: '', agentId: '', departmentId: '', tags: 'a,b,c,d,e,f' },
      frequency: { kind: 'every_hours', hours: '0' },
    });
    const built = buildRuleInput(draft);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(Object.keys(built.errors).sort()).toEqual(['conditions', 'hours', 'message', 'name', 'tags']);
    expect(built.errors.conditions[7]?.sku?.key).toBe('triggers.errorRequired');
  });
});
