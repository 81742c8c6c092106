import { describe, expect, it, vi } from 'vitest';
import type { SessionEstablished } from '@mostrador/shared';
import { SOCKET_PATH, VISITOR_NAMESPACE } from '@mostrador/shared/limits';
import { io } from 'socket.io-client';
import { connected, connectVisitor, nextFact, SHOP_ORIGIN, visitorCommand, type VisitorSocket } from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/**
 * What a widget learns the moment it connects (`session:established`): the
 * shop's name, the departments a shopper may pick from when the shop asks,
 * whether agents see the draft, and, for a returning shopper, the chat in
 * progress, whether earlier chats exist, and how the shop can reach them.
 * The widget draws its first screen from this alone.
 */
const scope = serverPerTest();
const { sockets } = scope;

const site = () => scope.server.app.services.sites.byKey(scope.server.siteKey)!;

/** A widget connecting (with the token it kept, when returning): everything the server told it. */
async function session(token?: string): Promise<SessionEstablished & { socket: VisitorSocket }> {
  const socket = connectVisitor(scope.server.url, { siteKey: scope.server.siteKey, ...(token ? { token } : {}) });
  sockets.push(socket);
  const established = nextFact<VisitorSocket, SessionEstablished>(socket, 'session:established');
  await connected(socket);
  return { ...(await established), socket };
}

describe('a widget’s first screen', () => {
  it('names the shop, and offers its departments only when the shop asks the shopper to pick one', async () => {
    const { departments } = scope.server.app.services;
    const sales = await departments.create(site().id, { slug: 'sales', name: 'Vendes', routing: 'auto' });
    const returns = await departments.create(site().id, { slug: 'returns', name: 'Devolucions', routing: 'auto' });
    if (!sales.ok || !returns.ok) throw new Error('departments');

    const plain = await session();
    expect(plain.site.name).toBe('Test shop');
    expect(plain.site.departments).toEqual([]);

    await scope.server.app.services.sites.update(site().id, { departmentChoice: true });
    const asking = await session();
    expect(asking.site.departments).toEqual(
      expect.arrayContaining([
        { slug: 'sales', name: 'Vendes' },
        { slug: 'returns', name: 'Devolucions' },
      ]),
    );
    expect(asking.site.departments).toHaveLength(2);
  });

  it('says whether agents see the draft: off when the shop turned the preview off', async () => {
    expect((await session()).site.typingPreview).toBe(true);
    await scope.server.app.services.sites.update(site().id, { typingPreview: false });
    expect((await session()).site.typingPreview).toBe(false);
  });

  it('gives a returning shopper the chat in progress, whether earlier chats exist, and the contact they left', async () => {
    const first = await session();
    expect(first).toMatchObject({ conversation: null, hasEarlier: false, contact: null });
    const sent = await visitorCommand(first.socket, 'message:send', { clientId: 'v-session-01', body: 'Hola' });
    if (!sent.ok) throw new Error(sent.error.message);
    const saved = await visitorCommand(first.socket, 'visitor:contact', { email: 'laia@example.com' });
    expect(saved.ok).toBe(true);

    const back = await session(first.token);
    expect(back.visitorId).toBe(first.visitorId);
    expect(back.conversation).toMatchObject({ id: sent.data.conversation.id, status: 'open' });
    expect(back.contact).toMatchObject({ email: 'laia@example.com' });
    expect(back.hasEarlier).toBe(false);

    const closed = await visitorCommand(back.socket, 'conversation:close', { conversationId: sent.data.conversation.id });
    expect(closed.ok).toBe(true);
    const later = await session(first.token);
    expect(later).toMatchObject({ conversation: null, hasEarlier: true });
  });
});

describe('what the shop learns of the shopper’s device, and a shopper’s own close', () => {
  it('reads the device from the browser’s user agent, and answers a close with the closed conversation', async () => {
    const phone: VisitorSocket = io(`${scope.server.url}${VISITOR_NAMESPACE}`, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      extraHeaders: {
        origin: SHOP_ORIGIN,
        'user-agent':
          'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      },
      auth: { siteKey: scope.server.siteKey, triggers: 'server' },
      forceNew: true,
      reconnection: false,
    });
    sockets.push(phone);
    const established = nextFact<VisitorSocket, SessionEstablished>(phone, 'session:established');
    await connected(phone);
    const { visitorId } = await established;
    const live = scope.server.app.services.activity.liveList(site().id).find((v) => v.id === visitorId);
    expect(live?.device).toEqual({ type: 'mobile', os: 'iOS', browser: 'Safari 18' });

    const sent = await visitorCommand(phone, 'message:send', { clientId: 'phone-00001', body: 'Hola' });
    if (!sent.ok) throw new Error(sent.error.message);
    const closed = await visitorCommand(phone, 'conversation:close', { conversationId: sent.data.conversation.id });
    if (!closed.ok) throw new Error(closed.error.message);
    expect(closed.data.conversation).toMatchObject({ id: sent.data.conversation.id, status: 'closed' });
    expect(closed.data.event).toMatchObject({ type: 'status' });
  });
});

describe('a widget from before the server evaluated triggers', () => {
  it('is told no signals to watch and gets no place in the trigger engine: it shows no server invitations', async () => {
    const { triggerEngine } = scope.server.app.services;
    // Widgets loaded before that change (a tab left open over a deploy) leave `triggers` out of the handshake.
    const older: VisitorSocket = io(`${scope.server.url}${VISITOR_NAMESPACE}`, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      extraHeaders: { origin: SHOP_ORIGIN },
      auth: { siteKey: scope.server.siteKey },
      forceNew: true,
      reconnection: false,
    });
    sockets.push(older);
    const established = nextFact<VisitorSocket, SessionEstablished>(older, 'session:established');
    await connected(older);
    const { site: told } = await established;
    expect(told).not.toHaveProperty('watch');
    expect(told.triggers).toEqual([]);
    expect(triggerEngine.stats().tabs).toBe(0);

    const current = await session();
    expect(current.site.watch).toEqual({ idleAfter: null, exitIntent: false, events: [] });
    expect(triggerEngine.stats().tabs).toBe(1);
  });
});

describe('a tab that closes', () => {
  it('leaves nothing of itself in the trigger engine: each closed tab is forgotten at once, its visitor soon after', async () => {
    const { triggers, triggerEngine } = scope.server.app.services;
    // A rule on the time spent on the page arms a wake-up for each tab that views one.
    const [rule] = triggers.list(site().id);
    const enabled = await triggers.update(site().id, rule!.id, {
      enabled: true,
      conditions: [{ type: 'time_on_page', seconds: 600, negate: false }],
    });
    if (!enabled.ok) throw new Error(enabled.error.message);
    const first = await session();
    const second = await session(first.token);
    for (const tab of [first, second]) {
      const viewed = await visitorCommand(tab.socket, 'page:viewed', { url: `${SHOP_ORIGIN}/`, title: 'Botiga', referrer: '' });
      expect(viewed.ok).toBe(true);
    }
    expect(triggerEngine.stats()).toEqual({ tabs: 2, sites: 1, visitors: 1, due: 2 });

    first.socket.disconnect();
    await vi.waitFor(() => expect(triggerEngine.stats()).toEqual({ tabs: 1, sites: 1, visitors: 1, due: 1 }));
    second.socket.disconnect();
    // The visitor's caps stay a little longer (VISITOR_MEMORY_MS): a multi-page shop closes a tab at every page.
    await vi.waitFor(() => expect(triggerEngine.stats()).toEqual({ tabs: 0, sites: 0, visitors: 1, due: 0 }));
  });
});
