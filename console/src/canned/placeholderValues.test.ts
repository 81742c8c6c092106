import { describe, expect, it } from 'vitest';
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
