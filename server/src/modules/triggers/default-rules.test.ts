import { describe, expect, it } from 'vitest';
import { defaultRules, ENGLISH_DEFAULTS } from './default-rules.ts';

describe('defaultRules', () => {
  it('offers a hand on product pages after 45 s, and a word to a visitor leaving with a cart', () => {
    expect(defaultRules(ENGLISH_DEFAULTS, false)).toEqual([
      {
        name: 'Help on a product page',
        enabled: false,
        conditions: [
          { type: 'product_page', minPrice: null, currency: 'EUR', negate: false },
          { type: 'time_on_page', seconds: 45, negate: false },
        ],
        action: {
          kind: 'teaser',
          message: 'Hi! Any questions about this product? We are here to help.',
          agentId: null,
          departmentId: null,
          tags: ['product-help'],
        },
        frequency: { kind: 'once_per_session' },
      },
      {
        name: 'Leaving with a cart',
        enabled: false,
        conditions: [
          { type: 'cart_items', min: 1, negate: false },
          { type: 'exit_intent', negate: false },
        ],
        action: {
          kind: 'teaser',
          message: 'Before you go: can we help you finish your order?',
          agentId: null,
          departmentId: null,
          tags: ['cart-exit'],
        },
        frequency: { kind: 'once_per_session' },
      },
    ]);
  });

  it('switches both rules on or off together, and prices product pages in the shop’s currency', () => {
    const rules = defaultRules(ENGLISH_DEFAULTS, true, 'GBP');
    expect(rules.map((r) => r.enabled)).toEqual([true, true]);
    expect(rules[0]!.conditions[0]).toEqual({ type: 'product_page', minPrice: null, currency: 'GBP', negate: false });
  });
});
