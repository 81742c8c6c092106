import { describe, expect, it } from 'vitest';
import type { CartSet, VisitorProfile } from '@mostrador/shared';
import { agentCommand, connectAgentAs, connectVisitorSession, visitorCommand } from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/*
 * `Mostrador('setCart', …)`: the widget sends what the shop's code passed
 * (`cart:set`) and the server reads the cart from it; widgets from before
 * still send the cart they read (`cart:updated`, source `manual`).
 */

const scope = serverPerTest();
const { sockets } = scope;

async function shopperAndAgent() {
  const visitor = await connectVisitorSession(scope.server);
  const agent = await connectAgentAs(scope.server, scope.server.agentEmail);
  sockets.push(visitor.socket, agent);
  const profile = async (): Promise<VisitorProfile> => {
    const followed = await agentCommand(agent, 'visitor:follow', { visitorId: visitor.visitorId });
    if (!followed.ok) throw new Error(followed.error.message);
    return followed.data;
  };
  return { visitor, profile };
}

const set = (cart: unknown, base = 'https://shop.example/cistella'): CartSet => ({ cart: JSON.stringify(cart), base });

describe('the cart the shop sets', () => {
  it('is read on the server, links resolved against the page it was set on, and reaches the side panel', async () => {
    const { visitor, profile } = await shopperAndAgent();
    const sent = await visitorCommand(
      visitor.socket,
      'cart:set',
      set({
        items: [{ sku: 'CAP', name: ' Gorra ', qty: '2', price: '15.50', url: '/p/gorra', image: 'javascript:alert(1)' }],
        currency: 'eur',
      }),
    );
    expect(sent).toEqual({ ok: true, data: null });
    const shown = await profile();
    expect(shown.cart).toEqual({
      items: [{ sku: 'CAP', name: 'Gorra', qty: 2, price: 15.5, url: 'https://shop.example/p/gorra', image: null }],
      total: 31,
      currency: 'EUR',
    });
    expect(shown.cartHistory.map((step) => step.change)).toEqual(['added']);
  });

  it('refuses, with a code and a reason for the merchant, a cart it cannot read or too big to keep', async () => {
    const { visitor, profile } = await shopperAndAgent();
    expect(await visitorCommand(visitor.socket, 'cart:set', set({ items: [], total: 0 }))).toEqual({
      ok: false,
      error: { code: 'invalid_payload', message: 'setCart needs {items, total, currency}' },
    });
    for (const payload of [
      { cart: '{"items":', base: 'https://shop.example/' },
      { cart: '["EUR"]', base: 'https://shop.example/' },
      set({ items: [{ name: 'G'.repeat(40_000), price: 1 }], currency: 'EUR' }),
      { cart: { currency: 'EUR' }, base: 'https://shop.example/' },
    ]) {
      expect(await visitorCommand(visitor.socket, 'cart:set', payload as CartSet)).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload' },
      });
    }
    expect((await profile()).cart).toBeNull();
  });

  it('still takes the cart a widget from before read itself', async () => {
    const { visitor, profile } = await shopperAndAgent();
    const cart = { items: [{ sku: 'CAP', name: 'Gorra', qty: 1, price: 15, url: null, image: null }], total: 15, currency: 'EUR' };
    expect(await visitorCommand(visitor.socket, 'cart:updated', { cart, stage: 'browsing', source: 'manual' })).toEqual({
      ok: true,
      data: null,
    });
    expect((await profile()).cart).toEqual(cart);
  });
});
