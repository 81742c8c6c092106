import type { TriggerRuleInput } from '@mostrador/shared';

export interface DefaultRuleTexts {
  productHelp: { name: string; message: string };
  cartExit: { name: string; message: string };
}

export const ENGLISH_DEFAULTS: DefaultRuleTexts = {
  productHelp: { name: 'Help on a product page', message: 'Hi! Any questions about this product? We are here to help.' },
  cartExit: { name: 'Leaving with a cart', message: 'Before you go: can we help you finish your order?' },
};

/**
 * The two rules every new site starts with, disabled until the merchant
 * turns them on: a hand on a product page after 45 s, and a word when a
 * visitor with a cart is about to leave.
 */
export function defaultRules(texts: DefaultRuleTexts, enabled: boolean, currency = 'EUR'): TriggerRuleInput[] {
  return [
    {
      name: texts.productHelp.name,
      enabled,
      conditions: [
        { type: 'product_page', minPrice: null, currency, negate: false },
        { type: 'time_on_page', seconds: 45, negate: false },
      ],
      action: { kind: 'teaser', message: texts.productHelp.message, agentId: null, departmentId: null, tags: ['product-help'] },
      frequency: { kind: 'once_per_session' },
    },
    {
      name: texts.cartExit.name,
      enabled,
      conditions: [
        { type: 'cart_items', min: 1, negate: false },
        { type: 'exit_intent', negate: false },
      ],
      action: { kind: 'teaser', message: texts.cartExit.message, agentId: null, departmentId: null, tags: ['cart-exit'] },
      frequency: { kind: 'once_per_session' },
    },
  ];
}
