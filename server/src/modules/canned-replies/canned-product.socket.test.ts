import { describe, expect, it } from 'vitest';
import type { CannedReply, PageViewed, Product, ProductCard } from '@mostrador/shared';
import {
  addAgent,
  AGENT_PASSWORD,
  agentCommand,
  connectAgentAs,
  login,
  nextFact,
  visitorCommand,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';
import { shopPage, shopperThrough as shopperThroughShop } from '../../testing/shop-pages.ts';

const scope = serverPerTest();
const { sockets } = scope;

const backpack = (price: number): Product => ({
  name: 'Motxilla de lona',
  sku: 'BAG-CNV-BLU',
  price,
  currency: 'EUR',
  image: 'https://shop.example/img/motxilla.svg',
  availability: 'in_stock',
});
const shopperThrough = (...pages: PageViewed[]) => shopperThroughShop(scope.server, sockets, ...pages);

async function rest<T>(cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${scope.server.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as T };
}

describe('a canned reply with a product', () => {
  it('goes to the shopper with the card the server builds from its catalogue when the message is sent', async () => {
    const marta = await connectAgentAs(scope.server, scope.server.agentEmail);
    sockets.push(marta);
    const found = async (query: string) => {
      const answer = await agentCommand(marta, 'products:search', { query });
      return answer.ok ? answer.data.products.map((p) => p.price) : [];
    };
    // Another shopper's visit puts the backpack in the shop's catalogue (written with the page views, off the message path).
    await shopperThrough(shopPage('/p/motxilla', backpack(119)));
    await expect.poll(() => found('motxilla')).toEqual([119]);
    await addAgent(scope.server, { email: 'laia@shop.example', name: 'Laia', role: 'admin' });
    const admin = await login(scope.server.url, 'laia@shop.example', AGENT_PASSWORD);
    const created = await rest<{ reply: CannedReply }>(admin, 'POST', '/api/canned-replies', {
      shortcut: 'motxilla',
      title: 'La motxilla',
      scope: 'shared',
      bodies: { ca: 'Aquesta és la nostra motxilla.', es: '', en: '' },
      productUrl: 'https://shop.example/p/motxilla',
    });
    expect(created).toMatchObject({ status: 201, json: { reply: { product: { name: 'Motxilla de lona', price: 119 } } } });

    // Its price changed since the reply was written: the card is built when the message goes, from what the shop shows now.
    await shopperThrough(shopPage('/p/motxilla?utm_source=mail', backpack(99)));
    await expect.poll(() => found('motxilla')).toEqual([99]);
    const shopper = await shopperThrough();
    const asked = await visitorCommand(shopper.socket, 'message:send', { clientId: 'ask-motxilla-1', body: 'Teniu motxilles?' });
    if (!asked.ok) throw new Error(asked.error.message);

    // What the console does on inserting the reply: the product it carries goes with the message, as `{ url }`.
    const cookie = await login(scope.server.url, scope.server.agentEmail, AGENT_PASSWORD);
    const [reply] = (await rest<{ replies: CannedReply[] }>(cookie, 'GET', '/api/canned-replies')).json.replies;
    const heard = nextFact<VisitorSocket, { event: { body: string; product?: ProductCard } }>(shopper.socket, 'message:created');
    const sent = await agentCommand(marta, 'message:send', {
      conversationId: asked.data.conversation.id,
      clientId: 'canned-card-1',
      body: reply!.bodies.ca,
      product: { url: reply!.product!.url },
    });
    const card: ProductCard = {
      name: 'Motxilla de lona',
      url: 'https://shop.example/p/motxilla',
      price: 99,
      currency: 'EUR',
      image: 'https://shop.example/img/motxilla.svg',
      sku: 'BAG-CNV-BLU',
    };
    expect(sent).toMatchObject({ ok: true, data: { event: { product: card } } });
    expect((await heard).event).toMatchObject({ body: 'Aquesta és la nostra motxilla.', product: card });
  });
});
