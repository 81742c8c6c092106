import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveVisitor, PageViewed, Product, TypingChanged, VisitorProfile, VisitorsChanged } from '@mostrador/shared';
import {
  addAgent,
  agentCommand,
  connectAgentAs,
  connectVisitor,
  connectVisitorSession,
  nextFact,
  startTestServer,
  visitorCommand,
  productMarkup,
  sqlOn,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';

let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];

const page = (path: string, title: string, product: Product | null = null): PageViewed => ({
  url: `https://shop.example${path}`,
  title,
  referrer: '',
  markup: productMarkup(product),
  language: 'ca-ES',
  timeZone: 'Europe/Madrid',
});

const newVisitor = (token?: string) => connectVisitorSession(server, token);

async function agentAs(email: string) {
  const socket = await connectAgentAs(server, email);
  sockets.push(socket);
  return socket;
}

/** Collects every live-list fact into the list the console would hold. */
function liveList(agent: AgentSocket, initial: LiveVisitor[]) {
  const rows = new Map(initial.map((v) => [v.id, v]));
  agent.on('visitors:changed', (changes: VisitorsChanged) => {
    for (const v of changes.updated) rows.set(v.id, v);
    for (const id of changes.left) rows.delete(id);
  });
  return rows;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeEach(async () => {
  server = await startTestServer({ visitorLeaveGraceMs: 150, liveListFlushMs: 20 });
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

describe('typing preview', () => {
  it('reaches only the agents in the conversation, and is never stored', async () => {
    const marta = await agentAs(server.agentEmail);
    await addAgent(server, { email: 'admin@shop.example', name: 'Admin', role: 'admin', capacity: 1 });
    const admin = await agentAs('admin@shop.example');
    await agentCommand(admin, 'presence:set', { status: 'away' });
    const visitor = await newVisitor();
    const sent = await visitorCommand(visitor.socket, 'message:send', { clientId: 'c-0000001', body: 'Hola' });
    expect(sent.ok && sent.data.conversation.agents).toEqual([{ name: 'Marta' }]);

    const draft = 'la meva targeta és •••• •••• •••• 1111 i voldria';
    const toMarta = nextFact<AgentSocket, TypingChanged>(marta, 'typing:changed');
    const toAdmin = nextFact<AgentSocket, TypingChanged>(admin, 'typing:changed');
    await visitorCommand(visitor.socket, 'typing:set', { typing: true, draft });
    expect(await toMarta).toMatchObject({ typing: true, draft, agent: null });
    // The admin may see the conversation, so hears "typing", but is not in it: no draft.
    expect(await toAdmin).toMatchObject({ typing: true, draft: null });

    const sql = sqlOn(server.app.engine);
    const rows = await sql.all('SELECT * FROM conversation_events');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(JSON.stringify(row)).not.toContain('voldria');
    // Nor in any other table.
    for (const table of await sql.tables())
      expect(JSON.stringify(await sql.all(`SELECT * FROM "${table}"`)), table).not.toContain('voldria');
    // Nor anywhere in SQLite's file or its write-ahead log, both there while the server runs (WAL mode). PostgreSQL's
    // files are its own: the tables above are what it holds.
    if (server.app.engine.kind === 'sqlite') {
      const files = [server.config.databaseFile, `${server.config.databaseFile}-wal`];
      expect(files.map((file) => existsSync(file))).toEqual([true, true]);
      for (const file of files) expect(readFileSync(file).includes('voldria')).toBe(false);
    }
  });

  it('sends only "is typing" when the merchant turned previews off', async () => {
    const marta = await agentAs(server.agentEmail);
    const site = server.app.services.sites.byKey(server.siteKey)!;
    await server.app.services.sites.update(site.id, { typingPreview: false });
    const visitor = await newVisitor();
    await visitorCommand(visitor.socket, 'message:send', { clientId: 'c-0000002', body: 'Hola' });
    const fact = nextFact<AgentSocket, TypingChanged>(marta, 'typing:changed');
    await visitorCommand(visitor.socket, 'typing:set', { typing: true, draft: 'secret draft' });
    expect(await fact).toMatchObject({ typing: true, draft: null });
  });

  it('clears the draft on the agent’s screen when the visitor’s tab closes mid-draft', async () => {
    const marta = await agentAs(server.agentEmail);
    const visitor = await newVisitor();
    await visitorCommand(visitor.socket, 'message:send', { clientId: 'c-0000003', body: 'Hola' });
    const started = nextFact<AgentSocket, TypingChanged>(marta, 'typing:changed');
    await visitorCommand(visitor.socket, 'typing:set', { typing: true, draft: 'una cosa més' });
    expect(await started).toMatchObject({ typing: true, draft: 'una cosa més' });
    const cleared = nextFact<AgentSocket, TypingChanged>(marta, 'typing:changed');
    visitor.socket.disconnect();
    expect(await cleared).toMatchObject({ typing: false, draft: null });
  });

  it('tells the widget whether previews are on', async () => {
    const socket = connectVisitor(server.url, { siteKey: server.siteKey });
    sockets.push(socket);
    const session = nextFact<VisitorSocket, { site: { typingPreview: boolean } }>(socket, 'session:established');
    expect((await session).site.typingPreview).toBe(true);
  });
});

describe('live visitors', () => {
  it('follows connect, navigate and leave', async () => {
    const marta = await agentAs(server.agentEmail);
    const watched = await agentCommand(marta, 'visitors:watch', {});
    expect(watched).toEqual({ ok: true, data: { visitors: [] } });
    const rows = liveList(marta, []);

    const visitor = await newVisitor();
    await until(() => rows.has(visitor.visitorId), 'the arrival');
    expect(rows.get(visitor.visitorId)).toMatchObject({ page: null, pagesViewed: 0, returning: false, conversationId: null });

    await visitorCommand(visitor.socket, 'page:viewed', page('/shop/p/hoodie', 'Hoodie'));
    await until(() => rows.get(visitor.visitorId)?.page?.title === 'Hoodie', 'the first page');
    await visitorCommand(visitor.socket, 'page:viewed', page('/shop/cart', 'Cart'));
    await until(() => rows.get(visitor.visitorId)?.page?.title === 'Cart', 'the second page');
    expect(rows.get(visitor.visitorId)?.pagesViewed).toBe(2);

    await visitorCommand(visitor.socket, 'cart:updated', {
      cart: { items: [{ sku: 'H-M', name: 'Hoodie M', qty: 2, price: 42, url: null, image: null }], total: 84, currency: 'EUR' },
      stage: 'browsing',
      source: 'manual',
    });
    await until(() => rows.get(visitor.visitorId)?.cart?.total === 84, 'the cart');
    expect(rows.get(visitor.visitorId)?.cart).toEqual({ total: 84, currency: 'EUR', items: 2 });

    visitor.socket.disconnect();
    await until(() => !rows.has(visitor.visitorId), 'the departure');

    // Both pages are in the trail, with the time spent on each.
    const profile = await agentCommand(marta, 'visitor:follow', { visitorId: visitor.visitorId });
    expect(profile.ok).toBe(true);
    if (!profile.ok) return;
    expect(profile.data.online).toBe(false);
    expect(profile.data.trail.map((p) => [p.title, typeof p.seconds])).toEqual([
      ['Cart', 'number'],
      ['Hoodie', 'number'],
    ]);
    expect(profile.data).toMatchObject({ language: 'ca-ES', timeZone: 'Europe/Madrid', visits: 1 });
  });

  it('shows a shopper who comes back with a chat in progress as chatting, from the moment they reconnect', async () => {
    const marta = await agentAs(server.agentEmail);
    const rows = liveList(marta, []);
    await agentCommand(marta, 'visitors:watch', {});
    const first = await newVisitor();
    const sent = await visitorCommand(first.socket, 'message:send', { clientId: 'c-back-0001', body: 'Torno de seguida' });
    if (!sent.ok) throw new Error(sent.error.message);
    await until(() => rows.get(first.visitorId)?.conversationId === sent.data.conversation.id, 'the chat');
    first.socket.disconnect();
    await until(() => !rows.has(first.visitorId), 'the departure');

    const back = await newVisitor(first.token);
    sockets.push(back.socket);
    await until(() => rows.has(first.visitorId), 'the return');
    expect(rows.get(first.visitorId)?.conversationId).toBe(sent.data.conversation.id);
  });

  it('keeps a visitor listed while moving to the next page', async () => {
    const marta = await agentAs(server.agentEmail);
    const rows = liveList(marta, []);
    await agentCommand(marta, 'visitors:watch', {});
    const first = await newVisitor();
    await visitorCommand(first.socket, 'page:viewed', page('/shop/', 'Home'));
    await until(() => rows.get(first.visitorId)?.page?.title === 'Home', 'the home page');
    let left = false;
    marta.on('visitors:changed', (c: VisitorsChanged) => (left ||= c.left.includes(first.visitorId)));
    first.socket.disconnect();
    const next = await newVisitor(first.token);
    expect(next.visitorId).toBe(first.visitorId);
    await visitorCommand(next.socket, 'page:viewed', page('/shop/p/cap', 'Cap'));
    await until(() => rows.get(first.visitorId)?.page?.title === 'Cap', 'the next page');
    expect(left).toBe(false);
    expect(rows.get(first.visitorId)?.pagesViewed).toBe(2);
  });
});

describe('the side panel', () => {
  it('follows the cart live and tells its history', async () => {
    const marta = await agentAs(server.agentEmail);
    const visitor = await newVisitor();
    const hoodieProduct: Product = {
      name: 'Hoodie',
      sku: 'H-M',
      price: 42,
      currency: 'EUR',
      image: 'https://shop.example/img/hoodie.jpg',
      availability: 'in_stock',
    };
    // The widget sends the page's markup; the server reads the product out of it and answers it, for the trigger rules.
    expect(await visitorCommand(visitor.socket, 'page:viewed', page('/shop/p/hoodie', 'Hoodie', hoodieProduct))).toEqual({
      ok: true,
      data: { product: hoodieProduct },
    });
    const followed = await agentCommand(marta, 'visitor:follow', { visitorId: visitor.visitorId });
    expect(followed.ok && followed.data.trail[0]).toMatchObject({ title: 'Hoodie', seconds: null, product: { price: 42 } });

    const hoodie = { sku: 'H-M', name: 'Hoodie M', qty: 2, price: 42, url: null, image: null };
    const changed = nextFact<AgentSocket, { profile: VisitorProfile }>(marta, 'visitor:changed');
    await visitorCommand(visitor.socket, 'cart:updated', {
      cart: { items: [hoodie], total: 84, currency: 'EUR' },
      stage: 'browsing',
      source: 'datalayer',
    });
    const { profile } = await changed;
    expect(profile.cart).toEqual({ items: [hoodie], total: 84, currency: 'EUR' });
    expect(profile.cartHistory).toEqual([
      expect.objectContaining({ change: 'added', item: { name: 'Hoodie M', sku: 'H-M' }, qty: 2, total: 84 }),
    ]);

    const checkout = nextFact<AgentSocket, { profile: VisitorProfile }>(marta, 'visitor:changed');
    await visitorCommand(visitor.socket, 'cart:updated', {
      cart: { items: [hoodie], total: 84, currency: 'EUR' },
      stage: 'checkout',
      source: 'datalayer',
    });
    expect((await checkout).profile.cartHistory.map((c) => c.change)).toEqual(['checkout', 'added']);
  });

  it('refuses a profile of another site’s visitor', async () => {
    const marta = await agentAs(server.agentEmail);
    const other = await server.app.services.sites.create({ name: 'Other', allowedOrigins: ['https://other.example'] });
    const stranger = (await server.app.services.visitors.identify(other.id, undefined)).visitor;
    const result = await agentCommand(marta, 'visitor:follow', { visitorId: stranger.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('hears nothing of another site’s visitor it tried to follow', async () => {
    const marta = await agentAs(server.agentEmail);
    const other = await server.app.services.sites.create({ name: 'Other', allowedOrigins: ['https://other.example'] });
    const strangerSocket = connectVisitor(server.url, { siteKey: other.key }, 'https://other.example');
    sockets.push(strangerSocket);
    const stranger = await nextFact<VisitorSocket, { visitorId: string }>(strangerSocket, 'session:established');
    const mine = await newVisitor();
    sockets.push(mine.socket);
    expect(await agentCommand(marta, 'visitor:follow', { visitorId: stranger.visitorId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect((await agentCommand(marta, 'visitor:follow', { visitorId: mine.visitorId })).ok).toBe(true);
    const heard: string[] = [];
    marta.on('visitor:changed', ({ profile }: { profile: VisitorProfile }) => heard.push(profile.id));
    const cart = { cart: { items: [], total: 10, currency: 'EUR' }, stage: 'browsing' as const, source: 'manual' as const };
    expect((await visitorCommand(strangerSocket, 'cart:updated', cart)).ok).toBe(true);
    // The marker: the followed visitor's change, made after, is pushed after any push of the stranger's.
    const marker = nextFact<AgentSocket, { profile: VisitorProfile }>(marta, 'visitor:changed');
    await visitorCommand(mine.socket, 'cart:updated', cart);
    expect((await marker).profile.id).toBe(mine.visitorId);
    expect(heard).toEqual([mine.visitorId]);
  });
});

describe('following a profile', () => {
  it('stops the pushes of a profile the console unfollows, and keeps the others', async () => {
    const marta = await agentAs(server.agentEmail);
    const first = await newVisitor();
    const second = await newVisitor();
    for (const visitor of [first, second]) {
      expect((await agentCommand(marta, 'visitor:follow', { visitorId: visitor.visitorId })).ok).toBe(true);
    }
    expect(await agentCommand(marta, 'visitor:unfollow', { visitorId: first.visitorId })).toEqual({ ok: true, data: null });
    const heard: string[] = [];
    marta.on('visitor:changed', ({ profile }: { profile: VisitorProfile }) => heard.push(profile.id));
    const cart = { cart: { items: [], total: 10, currency: 'EUR' }, stage: 'browsing' as const, source: 'manual' as const };
    await visitorCommand(first.socket, 'cart:updated', cart);
    // The marker: the second visitor's change, made after, is pushed after any push of the first.
    const marker = nextFact<AgentSocket, { profile: VisitorProfile }>(marta, 'visitor:changed');
    await visitorCommand(second.socket, 'cart:updated', cart);
    expect((await marker).profile.id).toBe(second.visitorId);
    expect(heard).toEqual([second.visitorId]);
  });
});

describe('proactive chat', () => {
  it('opens the conversation with the agent’s message, assigned to that agent', async () => {
    const marta = await agentAs(server.agentEmail);
    const visitor = await newVisitor();
    const arrived = nextFact<VisitorSocket, { event: { body: string }; conversation: { origin: string } }>(
      visitor.socket,
      'message:created',
    );
    const started = await agentCommand(marta, 'conversation:start', {
      visitorId: visitor.visitorId,
      clientId: 'p-0000001',
      body: 'Hola! Et puc ajudar amb la talla?',
    });
    expect(started.ok && started.data.conversation).toMatchObject({ origin: 'agent', assignee: { name: 'Marta' } });
    expect(await arrived).toMatchObject({ event: { body: 'Hola! Et puc ajudar amb la talla?' }, conversation: { origin: 'agent' } });

    const again = await agentCommand(marta, 'conversation:start', {
      visitorId: visitor.visitorId,
      clientId: 'p-0000002',
      body: 'Hola?',
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'already_chatting' } });
    // A resend of the first start is the same message, stored once.
    const resend = await agentCommand(marta, 'conversation:start', {
      visitorId: visitor.visitorId,
      clientId: 'p-0000001',
      body: 'Hola! Et puc ajudar amb la talla?',
    });
    expect(resend.ok && started.ok && resend.data.event.seq).toBe(started.ok ? started.data.event.seq : -1);
  });

  it('tells the visitor a resent start once: the resend is answered, never broadcast again', async () => {
    const marta = await agentAs(server.agentEmail);
    const visitor = await newVisitor();
    const heard: string[] = [];
    visitor.socket.on('message:created', ({ event }) => heard.push(event.type === 'message' ? (event.body ?? '') : event.type));
    const payload = { visitorId: visitor.visitorId, clientId: 'p-0000009', body: 'Et puc ajudar?' };
    const started = await agentCommand(marta, 'conversation:start', payload);
    if (!started.ok) throw new Error(started.error.message);
    expect((await agentCommand(marta, 'conversation:start', payload)).ok).toBe(true);
    // The marker: a later message, heard after anything the resend could have sent.
    const marker = nextFact<VisitorSocket, { event: { body?: string | null } }>(visitor.socket, 'message:created');
    const sent = await agentCommand(marta, 'message:send', {
      conversationId: started.data.conversation.id,
      clientId: 'p-marker',
      body: 'marker',
    });
    expect(sent.ok).toBe(true);
    expect((await marker).event.body).toBe('marker');
    expect(heard).toEqual(['Et puc ajudar?', 'marker']);
  });

  it('refuses a visitor who has left', async () => {
    const marta = await agentAs(server.agentEmail);
    const visitor = await newVisitor();
    visitor.socket.disconnect();
    await until(() => !server.app.services.activity.isOnline(visitor.visitorId), 'the departure');
    const result = await agentCommand(marta, 'conversation:start', {
      visitorId: visitor.visitorId,
      clientId: 'p-0000003',
      body: 'Hola',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'visitor_offline' } });
  });
});
