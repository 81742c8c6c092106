import { describe, expect, it } from 'vitest';
import type { PageViewed, Product, VisitorEvent } from '@mostrador/shared';
import {
  agentCommand,
  connectAgentAs,
  connectVisitorSession,
  nextFact,
  visitorCommand,
  productMarkup,
  sqlOn,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

const scope = serverPerTest();
const { sockets } = scope;

const HOODIE: Product = {
  name: 'Dessuadora Cap de Creus',
  sku: 'HOOD-M-NAVY',
  price: 42,
  currency: 'EUR',
  image: 'https://cdn.shop.example/hoodie.jpg',
  availability: 'in_stock',
};
const url = (path: string) => `https://shop.example${path}`;
const page = (path: string, product: Product | null): PageViewed => ({
  url: url(path),
  title: path,
  referrer: '',
  markup: productMarkup(product),
});

async function shopperWho(...pages: PageViewed[]) {
  const visitor = await connectVisitorSession(scope.server);
  sockets.push(visitor.socket);
  for (const p of pages) expect(await visitorCommand(visitor.socket, 'page:viewed', p)).toMatchObject({ ok: true });
  return visitor;
}

/** A shopper who saw the hoodie, then the cart, and wrote; Marta (online) has the chat. */
async function chat() {
  const marta = await connectAgentAs(scope.server, scope.server.agentEmail);
  sockets.push(marta);
  const visitor = await shopperWho(page('/p/hoodie', HOODIE), page('/cart', null));
  const sent = await visitorCommand(visitor.socket, 'message:send', { clientId: 'visitor-msg-1', body: 'Teniu la talla M?' });
  if (!sent.ok) throw new Error(sent.error.message);
  return { marta, visitor, conversationId: sent.data.conversation.id };
}

const messageRows = () => sqlOn(scope.server.app.engine).value<number>("SELECT count(*) FROM conversation_events WHERE type = 'message'");

const CARD = {
  name: HOODIE.name,
  url: url('/p/hoodie'),
  price: 42,
  currency: 'EUR',
  image: HOODIE.image,
  sku: HOODIE.sku,
};

describe('a product card', () => {
  it('is built from the shopper’s own trail, whatever else the agent sends, and reaches the shopper live and in sync', async () => {
    const { marta, visitor, conversationId } = await chat();
    const told = nextFact<VisitorSocket, { event: VisitorEvent }>(visitor.socket, 'message:created');
    const sent = await agentCommand(marta, 'message:send', {
      conversationId,
      clientId: 'card-000001',
      body: '',
      // Only the URL is read: a name or image in the payload never reaches the shopper.
      product: { url: url('/p/hoodie'), name: 'Free money', image: 'https://evil.example/x.png' } as { url: string },
    });
    expect(sent.ok && sent.data.event).toMatchObject({ type: 'message', body: '', product: CARD });
    expect((await told).event).toMatchObject({ type: 'message', body: '', product: CARD });

    const visitorPage = await visitorCommand(visitor.socket, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(visitorPage.ok && visitorPage.data.events.at(-1)).toMatchObject({ type: 'message', product: CARD });
    const agentPage = await agentCommand(marta, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(agentPage.ok && agentPage.data.events.at(-1)).toMatchObject({ type: 'message', product: CARD });
  });

  it('resent with the same client id is stored once, and answered the same', async () => {
    const { marta, conversationId } = await chat();
    const message = { conversationId, clientId: 'card-000002', body: 'Aquesta', product: { url: url('/p/hoodie') } };
    const sent = await agentCommand(marta, 'message:send', message);
    const resent = await agentCommand(marta, 'message:send', message);
    expect(sent.ok).toBe(true);
    expect(resent).toEqual(sent);
    expect(await messageRows()).toBe(2);
  });

  it('of a page without a product, or one the site never showed, is not found, and nothing is sent', async () => {
    const { marta, visitor, conversationId } = await chat();
    const heard: VisitorEvent[] = [];
    visitor.socket.on('message:created', ({ event }) => heard.push(event));
    const before = await messageRows();

    const answers = [];
    for (const [n, path] of ['/cart', '/p/never-seen'].entries()) {
      answers.push(
        await agentCommand(marta, 'message:send', {
          conversationId,
          clientId: `card-bad-${n}0`,
          body: 'mira',
          product: { url: url(path) },
        }),
      );
    }
    for (const answer of answers)
      expect(answer).toEqual({
        ok: false,
        error: { code: 'not_found', message: 'No such product: not in the visitor’s pages, nor in the site’s catalogue' },
      });
    expect(await messageRows()).toBe(before);
    // A message after them reaches the shopper, and is the only one that does.
    const marker = nextFact<VisitorSocket, { event: VisitorEvent }>(visitor.socket, 'message:created');
    await agentCommand(marta, 'message:send', { conversationId, clientId: 'marker-0001', body: 'marker' });
    await marker;
    expect(heard.map((e) => e.type === 'message' && e.body)).toEqual(['marker']);
  });

  it('cannot come from the shopper: a visitor’s message keeps no product', async () => {
    const { visitor } = await chat();
    const sent = await visitorCommand(visitor.socket, 'message:send', {
      clientId: 'visitor-msg-2',
      body: 'hola',
      product: { url: url('/p/hoodie') },
    } as { clientId: string; body: string });
    expect(sent.ok && 'product' in sent.data.event).toBe(false);
  });
});
