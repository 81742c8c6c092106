import { describe, expect, it } from 'vitest';
import { defaultRules, ENGLISH_DEFAULTS } from './default-rules.ts';

describe('defaultRules', () => {
  it('switches both rules on or off together, and prices product pages in the shop’s currency', () => {
    const rules = defaultRules(ENGLISH_DEFAULTS, true, 'GBP');
    expect(rules.map((r) => r.enabled)).toEqual([true, true]);
    expect(rules[0]!.conditions[0]).toEqual({ type: 'product_page', minPrice: null, currency: 'GBP', negate: false });
  });
});
