import { fillPlaceholders } from '@mostrador/shared/canned';
import { describe, expect, it } from 'vitest';
import type { FollowedVisitor } from '../state/consoleState.ts';
import { profile } from '../state/visitorFixtures.ts';
import { placeholderValues } from './placeholderValues.ts';

const known = { agentName: 'Pau', shopName: 'Botiga Test' };
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
