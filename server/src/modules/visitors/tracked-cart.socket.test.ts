import { describe, expect, it } from 'vitest';
import { GA4_ENTRIES_MAX, type Ga4CartEvent } from '@mostrador/shared/shop';
import type { CartTracked, LiveVisitor, PageViewed, VisitorProfile, VisitorsChanged } from '@mostrador/shared';
import { addToCart, beginCheckout, purchase, stanAndFriendsTee, womensGreyTee } from '@mostrador/shared/testing/ga4-events';
import {
  agentCommand,
  connectAgentAs,
  connectVisitorSession,
  nextFact,
  visitorCommand,
  json,
  sqlOn,
  type AgentSocket,
} from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/*
 * The widget forwards the GA4 e-commerce events of the shop's dataLayer
 * (`cart:tracked`) and the server reads the cart from them: what the agent
 * sees, each entry applied once whatever the widget resends, a purchase
 * counted once per transaction, and widgets from before still sending the
 * cart they read (`cart:updated`).
 */

const scope = serverPerTest({ visitorLeaveGraceMs: 150, liveListFlushMs: 20 });
const { sockets } = scope;

const tee = (qty: number) => ({ sku: 'SKU_12345', name: 'Stan and Friends Tee', qty, price: 10.01, url: null, image: null });
const greyTee = (qty: number) => ({ sku: 'SKU_12346', name: "Google Grey Women's Tee", qty, price: 21.01, url: null, image: null });

/** Entries as the widget sends them: each with its index in the page's dataLayer. */
const tracked = (page: string, ...entries: Array<[number, Ga4CartEvent, object]>): CartTracked => ({
  page,
  entries: entries.map(([index, event, ecommerce]) => ({ index, event, ecommerce: JSON.stringify(ecommerce) })),
});

async function shopper(token?: string) {
  const visitor = await connectVisitorSession(scope.server, token);
  sockets.push(visitor.socket);
  return visitor;
}

async function marta() {
  const socket = await connectAgentAs(scope.server, scope.server.agentEmail);
  sockets.push(socket);
  return socket;
}

/** The visitor's profile as the side panel reads it now. */
async function profileOf(agent: AgentSocket, visitorId: string): Promise<VisitorProfile> {
  const followed = await agentCommand(agent, 'visitor:follow', { visitorId });
  if (!followed.ok) throw new Error(followed.error.message);
  return followed.data;
}

const purchases = (profile: VisitorProfile) => profile.cartHistory.filter((step) => step.change === 'purchase');

describe('the cart read from GA4 events', () => {
  it('reaches the agent’s live list and side panel, with its history', async () => {
    const agent = await marta();
    const watched = await agentCommand(agent, 'visitors:watch', {});
    expect(watched.ok).toBe(true);
    const listed = new Map<string, LiveVisitor>();
    agent.on('visitors:changed', (changes: VisitorsChanged) => changes.updated.forEach((row) => listed.set(row.id, row)));
    const visitor = await shopper();
    const followed = await agentCommand(agent, 'visitor:follow', { visitorId: visitor.visitorId });
    expect(followed.ok).toBe(true);

    const changed = nextFact<AgentSocket, { profile: VisitorProfile }>(agent, 'visitor:changed');
    const sent = await visitorCommand(
      visitor.socket,
      'cart:tracked',
      tracked('page00001', [2, 'add_to_cart', addToCart], [4, 'add_to_cart', { currency: 'USD', items: [womensGreyTee] }]),
    );
    expect(sent).toEqual({ ok: true, data: { applied: 2 } });
    const { profile } = await changed;
    expect(profile.cart).toEqual({ items: [tee(3), greyTee(2)], total: 72.05, currency: 'USD' });
    expect(profile.cartStage).toBe('browsing');
    expect(profile.cartHistory.map((step) => [step.change, step.item?.sku, step.qty])).toEqual([
      ['added', 'SKU_12346', 2],
      ['added', 'SKU_12345', 3],
    ]);
    await expect.poll(() => listed.get(visitor.visitorId)?.cart).toEqual({ total: 72.05, currency: 'USD', items: 5 });

    const checkout = nextFact<AgentSocket, { profile: VisitorProfile }>(agent, 'visitor:changed');
    await visitorCommand(visitor.socket, 'cart:tracked', tracked('page00001', [6, 'begin_checkout', { ...addToCart, value: 28 }]));
    expect((await checkout).profile).toMatchObject({ cart: { items: [tee(3)], total: 28 }, cartStage: 'checkout' });
  });

  it('applies an entry once when the widget sends it again after a reconnect, or restarted on the same page', async () => {
    const agent = await marta();
    const visitor = await shopper();
    const first = tracked('page00001', [0, 'add_to_cart', addToCart]);
    expect(await visitorCommand(visitor.socket, 'cart:tracked', first)).toEqual({ ok: true, data: { applied: 1 } });
    // The ack was lost with the connection: the widget sends the same entry on its next one.
    visitor.socket.disconnect();
    const again = await shopper(visitor.token);
    expect(await visitorCommand(again.socket, 'cart:tracked', first)).toEqual({ ok: true, data: { applied: 0 } });
    // A widget restarted on the page reads its dataLayer from the start, under the same id.
    const restarted = tracked(
      'page00001',
      [0, 'add_to_cart', addToCart],
      [3, 'add_to_cart', { ...addToCart, items: [{ ...stanAndFriendsTee, quantity: 1 }] }],
    );
    expect(await visitorCommand(again.socket, 'cart:tracked', restarted)).toEqual({ ok: true, data: { applied: 1 } });
    const profile = await profileOf(agent, visitor.visitorId);
    expect(profile.cart?.items).toEqual([tee(4)]);
    expect(profile.cartHistory.map((step) => [step.change, step.qty])).toEqual([
      ['quantity', 4],
      ['added', 3],
    ]);
  });

  it('keeps the cart between page loads, and from every tab, as the widget’s storage did', async () => {
    const agent = await marta();
    const tab = await shopper();
    const other = await shopper(tab.token);
    await visitorCommand(tab.socket, 'cart:tracked', tracked('product01', [5, 'add_to_cart', addToCart]));
    await visitorCommand(
      other.socket,
      'cart:tracked',
      tracked('product02', [5, 'add_to_cart', { currency: 'USD', items: [womensGreyTee] }]),
    );
    // The next page load counts its own entries from its start.
    await visitorCommand(tab.socket, 'cart:tracked', tracked('cartpage1', [0, 'remove_from_cart', addToCart]));
    expect((await profileOf(agent, tab.visitorId)).cart).toEqual({ items: [greyTee(2)], total: 42.02, currency: 'USD' });
  });

  it('remembers an entry that changed nothing, so its resend cannot change what another tab did since', async () => {
    const agent = await marta();
    const tab = await shopper();
    const other = await shopper(tab.token);
    await visitorCommand(tab.socket, 'cart:tracked', tracked('product01', [0, 'add_to_cart', { currency: 'USD', items: [womensGreyTee] }]));
    // The tee is not in the cart yet: removing it changes nothing the agent would see.
    const removal = tracked('cartpage1', [2, 'remove_from_cart', addToCart]);
    expect(await visitorCommand(tab.socket, 'cart:tracked', removal)).toEqual({ ok: true, data: { applied: 1 } });
    await visitorCommand(other.socket, 'cart:tracked', tracked('product02', [0, 'add_to_cart', addToCart]));
    expect(await visitorCommand(tab.socket, 'cart:tracked', removal)).toEqual({ ok: true, data: { applied: 0 } });
    expect((await profileOf(agent, tab.visitorId)).cart?.items).toEqual([greyTee(2), tee(3)]);
  });

  it('counts a purchase once when its thank-you page is reloaded, even after the shopper added more', async () => {
    const agent = await marta();
    const visitor = await shopper();
    const thanks = tracked('thanks001', [1, 'purchase', purchase]);
    await visitorCommand(visitor.socket, 'cart:tracked', thanks);
    await visitorCommand(visitor.socket, 'cart:tracked', tracked('product01', [1, 'add_to_cart', addToCart]));
    // The reload is a new page load: a new id, the same transaction.
    const reload = await visitorCommand(visitor.socket, 'cart:tracked', { ...thanks, page: 'thanks002' });
    expect(reload).toEqual({ ok: true, data: { applied: 1 } });
    const profile = await profileOf(agent, visitor.visitorId);
    expect(purchases(profile)).toEqual([expect.objectContaining({ total: 72.05, currency: 'USD' })]);
    expect(profile).toMatchObject({ cart: { items: [tee(3)] }, cartStage: 'browsing' });
    // Kept with the cart, so a restart or another server of the cluster knows it too.
    const ga4 = await sqlOn(scope.server.app.engine).value('SELECT ga4 FROM carts WHERE visitor_id = ?', visitor.visitorId);
    expect(json(ga4)).toMatchObject({ purchases: ['T_12345'] });
  });

  it('keeps each purchase’s transaction as its order number, and the profile tells the last order, once however often it is reported', async () => {
    const agent = await marta();
    const visitor = await shopper();
    await visitorCommand(visitor.socket, 'cart:tracked', tracked('product01', [0, 'add_to_cart', addToCart]));
    const before = Date.now();
    const thanks = tracked('thanks001', [1, 'purchase', { ...purchase, transaction_id: ' T_12345 ' }]);
    expect(await visitorCommand(visitor.socket, 'cart:tracked', thanks)).toEqual({ ok: true, data: { applied: 1 } });
    // The thank-you page reloaded: a new page load, the same transaction; and the widget resending it after a reconnect.
    expect(await visitorCommand(visitor.socket, 'cart:tracked', { ...thanks, page: 'thanks002' })).toEqual({
      ok: true,
      data: { applied: 1 },
    });
    expect(await visitorCommand(visitor.socket, 'cart:tracked', thanks)).toEqual({ ok: true, data: { applied: 0 } });
    const bought = await profileOf(agent, visitor.visitorId);
    expect(bought.lastOrder).toEqual({ number: 'T_12345', at: expect.any(Number), total: 72.05, currency: 'USD' });
    expect(bought.lastOrder!.at).toBeGreaterThanOrEqual(before);
    expect(purchases(bought).map((step) => step.order)).toEqual(['T_12345']);

    // A second order straight after, with no cart between: an order of its own, and now the last one.
    await visitorCommand(
      visitor.socket,
      'cart:tracked',
      tracked('thanks003', [0, 'purchase', { ...purchase, transaction_id: 1042, value: 9 }]),
    );
    const again = await profileOf(agent, visitor.visitorId);
    expect(again.lastOrder).toMatchObject({ number: '1042', total: 9, currency: 'USD' });
    expect(purchases(again).map((step) => step.order)).toEqual(['1042', 'T_12345']);
    const stored = await sqlOn(scope.server.app.engine).all<{ order_number: string }>(
      "SELECT order_number FROM cart_events WHERE visitor_id = ? AND change = 'purchase' ORDER BY at, id",
      visitor.visitorId,
    );
    expect(stored.map((row) => row.order_number)).toEqual(['T_12345', '1042']);
  });

  it('tells a purchase without a transaction as an order without a number, and a visitor who bought nothing has none', async () => {
    const agent = await marta();
    const visitor = await shopper();
    await visitorCommand(visitor.socket, 'cart:tracked', tracked('product01', [0, 'add_to_cart', addToCart]));
    expect((await profileOf(agent, visitor.visitorId)).lastOrder).toBeNull();
    const { transaction_id: _none, ...anonymous } = purchase;
    await visitorCommand(visitor.socket, 'cart:tracked', tracked('thanks001', [0, 'purchase', anonymous]));
    expect((await profileOf(agent, visitor.visitorId)).lastOrder).toMatchObject({ number: null, total: 72.05, currency: 'USD' });
  });

  it('still takes the cart a widget from before sends, and reads later GA4 events on top of it', async () => {
    const agent = await marta();
    const visitor = await shopper();
    const old = await visitorCommand(visitor.socket, 'cart:updated', {
      cart: { items: [greyTee(1)], total: 21.01, currency: 'USD' },
      stage: 'browsing',
      source: 'datalayer',
    });
    expect(old).toEqual({ ok: true, data: null });
    await visitorCommand(visitor.socket, 'cart:tracked', tracked('newwidget', [0, 'add_to_cart', addToCart]));
    expect((await profileOf(agent, visitor.visitorId)).cart).toEqual({ items: [greyTee(1), tee(3)], total: 51.04, currency: 'USD' });
  });

  it('refuses oversize and malformed events with a code, applying none of the batch, and goes on serving the socket', async () => {
    const agent = await marta();
    const visitor = await shopper();
    const many = Array.from({ length: GA4_ENTRIES_MAX + 1 }, (_, i): [number, Ga4CartEvent, object] => [i, 'add_to_cart', addToCart]);
    const refusals = [
      tracked('page00001', ...many),
      tracked(
        'page00001',
        [0, 'add_to_cart', addToCart],
        [1, 'add_to_cart', { currency: 'USD', items: [{ item_name: '€'.repeat(19_000) }] }],
      ),
      { page: 'page00001', entries: [{ index: 0, event: 'add_to_cart', ecommerce: '{"currency":' }] },
      { page: 'page00001', entries: [{ index: 0, event: 'add_to_cart', ecommerce: addToCart }] },
      { page: 'page00001', entries: [{ index: 0, event: 'login', ecommerce: '{}' }] },
      { page: 'Robert"); DROP TABLE carts;--', entries: [{ index: 0, event: 'add_to_cart', ecommerce: '{}' }] },
      'add_to_cart',
    ];
    for (const payload of refusals) {
      expect(await visitorCommand(visitor.socket, 'cart:tracked', payload as CartTracked)).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload' },
      });
    }
    expect((await profileOf(agent, visitor.visitorId)).cart).toBeNull();
    expect(await visitorCommand(visitor.socket, 'cart:tracked', tracked('page00001', [0, 'add_to_cart', addToCart]))).toEqual({
      ok: true,
      data: { applied: 1 },
    });
  });

  it('keeps no cart until an event names a currency', async () => {
    const agent = await marta();
    const visitor = await shopper();
    const sent = await visitorCommand(visitor.socket, 'cart:tracked', tracked('page00001', [0, 'add_to_cart', { items: [womensGreyTee] }]));
    expect(sent).toEqual({ ok: true, data: { applied: 1 } });
    expect((await profileOf(agent, visitor.visitorId)).cart).toBeNull();
  });
});

describe('checkout, as long as the shopper stays on its page', () => {
  const pageAt = (path: string): PageViewed => ({ url: `https://shop.example${path}`, title: path, referrer: '' });
  /** What the trigger rules (checkout_idle) read of the tab now. */
  const checkoutSince = (visitor: { socket: { id?: string }; visitorId: string }) =>
    scope.server.app.services.activity.triggerFacts(visitor.socket.id!, visitor.visitorId)?.checkoutSince;
  const stageOf = async (agent: AgentSocket, visitorId: string) => (await profileOf(agent, visitorId)).cartStage;

  /** A page load as the widget makes it: a new connection, its page, then (on the same socket, not waiting) its GA4 events. */
  async function load(token: string | undefined, path: string, events?: CartTracked) {
    const tab = await shopper(token);
    const viewed = visitorCommand(tab.socket, 'page:viewed', pageAt(path));
    const sent = events && visitorCommand(tab.socket, 'cart:tracked', events);
    expect(await viewed).toMatchObject({ ok: true });
    if (sent) expect(await sent).toMatchObject({ ok: true, data: { applied: events.entries.length } });
    return tab;
  }

  it('ends when a page without begin_checkout opens, and begins again on a page that pushes it', async () => {
    const agent = await marta();
    const cartPage = await load(undefined, '/cart', tracked('cartpage1', [0, 'add_to_cart', addToCart]));
    const checkout = await load(cartPage.token, '/checkout', tracked('checkout1', [0, 'begin_checkout', beginCheckout]));
    expect(await stageOf(agent, checkout.visitorId)).toBe('checkout');
    expect(checkoutSince(checkout)).toEqual(expect.any(Number));
    // The same page reported again on a new connection is not a new page: checkout goes on.
    checkout.socket.disconnect();
    const again = await shopper(checkout.token);
    await visitorCommand(again.socket, 'page:viewed', { ...pageAt('/checkout'), resumed: { ms: 1_000, invited: false } });
    expect(checkoutSince(again)).toEqual(expect.any(Number));
    again.socket.disconnect();

    // Back to the shop: the rules see it at once, the agent as soon as it is written.
    const product = await load(checkout.token, '/p/tee');
    expect(checkoutSince(product)).toBeNull();
    await expect.poll(() => stageOf(agent, product.visitorId)).toBe('browsing');
    const profile = await profileOf(agent, product.visitorId);
    expect(profile.cart?.items).toEqual([tee(3)]);
    expect(profile.cartHistory.map((step) => step.change)).toEqual(['checkout', 'added']);
    product.socket.disconnect();

    // The checkout page loaded again pushes begin_checkout after its page: checkout again, from now.
    const before = Date.now();
    const back = await load(checkout.token, '/checkout', tracked('checkout2', [0, 'begin_checkout', beginCheckout]));
    expect(await stageOf(agent, back.visitorId)).toBe('checkout');
    expect(checkoutSince(back)).toBeGreaterThanOrEqual(before);
  });

  it('goes on through a single-page shop’s navigation, whose report may follow the begin_checkout of its page', async () => {
    const agent = await marta();
    const tab = await load(undefined, '/cart', tracked('spa000001', [0, 'add_to_cart', addToCart]));
    // The shop's router shows /checkout and pushes begin_checkout at once; the widget reports the page once it has rendered.
    await visitorCommand(tab.socket, 'cart:tracked', tracked('spa000001', [1, 'begin_checkout', beginCheckout]));
    await visitorCommand(tab.socket, 'page:viewed', { ...pageAt('/checkout'), historyChange: true });
    expect(checkoutSince(tab)).toEqual(expect.any(Number));
    expect(await stageOf(agent, tab.visitorId)).toBe('checkout');
    // A page load ends it, as before.
    tab.socket.disconnect();
    const next = await load(tab.token, '/p/tee');
    expect(checkoutSince(next)).toBeNull();
    await expect.poll(() => stageOf(agent, next.visitorId)).toBe('browsing');
  });

  it('leaves a purchase as it is', async () => {
    const agent = await marta();
    const thanks = await load(undefined, '/thanks', tracked('thanks001', [0, 'purchase', purchase]));
    thanks.socket.disconnect();
    const next = await load(thanks.token, '/');
    await visitorCommand(next.socket, 'page:viewed', pageAt('/p/tee'));
    expect(await stageOf(agent, next.visitorId)).toBe('purchase');
    expect(purchases(await profileOf(agent, next.visitorId))).toHaveLength(1);
  });
});
