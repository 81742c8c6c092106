import { fillPlaceholders } from '@mostrador/shared/canned';
import { describe, expect, it } from 'vitest';
import type { FollowedVisitor } from '../state/consoleState.ts';
import { profile } from '../state/visitorFixtures.ts';
import { placeholderValues } from './placeholderValues.ts';

const known = { agentName: 'Laia', shopName: 'Botiga' };
const cartTotal = (language: string | null) =>
  placeholderValues({ phase: 'ready', profile: profile({ language }) }, known, 'en')['cart.total'];

describe('placeholderValues', () => {
  it("writes the cart's total the way the visitor reads it, as the reply goes out in their language", () => {
    // The console is in English; the money follows the visitor's language, as the reply's version does.
    expect(cartTotal('ca-ES')).toBe('84,00\u00a0€');
    expect(cartTotal('es')).toBe('84,00\u00a0€');
    expect(cartTotal('en-GB')).toBe('€84.00');
    // A language with no version, or none known: the reply is in the console's language, and so is the money.
    expect(cartTotal('de-DE')).toBe('€84.00');
    expect(cartTotal(null)).toBe('€84.00');
  });

  it('knows no total for an empty cart or before the profile is in', () => {
    expect(
      placeholderValues({ phase: 'ready', profile: profile({ cart: { items: [], total: 0, currency: 'EUR' } }) }, known, 'en')[
        'cart.total'
      ],
    ).toBeNull();
    expect(placeholderValues({ phase: 'loading' }, known, 'en')['cart.total']).toBeNull();
  });
});

const ready = (overrides: Parameters<typeof profile>[0]): FollowedVisitor => ({ phase: 'ready', profile: profile(overrides) });
const fill = (template: string, visitor: FollowedVisitor | undefined) =>
  fillPlaceholders(template, placeholderValues(visitor, known, 'en'));

describe('placeholderValues: the order number', () => {
  const order = { number: 'T_12345', at: 5_000, total: 84, currency: 'EUR' };

  it('fills {{order.number}} with the number of the visitor’s last order', () => {
    expect(fill('Your order {{order.number|…}} is on its way.', ready({ lastOrder: order }))).toEqual({
      text: 'Your order T_12345 is on its way.',
      asks: [],
    });
  });

  it('falls back when the visitor has bought nothing, the shop told no number, or the profile is not in yet', () => {
    const template = 'Your order {{order.number|…}} is on its way.';
    for (const visitor of [
      ready({ lastOrder: null }),
      ready({ lastOrder: { ...order, number: null } }),
      { phase: 'loading' as const },
      undefined,
    ]) {
      expect(fill(template, visitor).text).toBe('Your order … is on its way.');
    }
    // Without a fallback the agent is asked for it, so nothing half-filled is sent.
    expect(fill('Order {{order.number}}', ready({ lastOrder: null }))).toEqual({
      text: 'Order [order.number]',
      asks: [{ start: 6, end: 20, label: 'order.number' }],
    });
  });
});
