import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { SOCKET_PATH, VISITOR_NAMESPACE, type Result } from '@mostrador/shared';
import type { Limits } from '../../config.ts';
import {
  connectVisitorSession,
  SHOP_ORIGIN,
  startTestServer,
  visitorCommand,
  sqlOn,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';

/** Effectively no refill while a test runs, so what is granted is exactly the burst. */
const NO_REFILL = 0.001;

let server: TestServer;
const sockets: VisitorSocket[] = [];

async function start(limits: Partial<Limits>, trustProxy = false) {
  server = await startTestServer({ trustProxy, limits });
}

async function session(token?: string) {
  const opened = await connectVisitorSession(server, token);
  sockets.push(opened.socket);
  return opened;
}

/** A first visit from `address` (through a trusted proxy): resolves with the handshake's outcome. */
function firstVisitFrom(address: string): Promise<{ connected: true } | { error: string; retryAfterMs?: number }> {
  const socket = io(`${server.url}${VISITOR_NAMESPACE}`, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    extraHeaders: { origin: SHOP_ORIGIN, 'x-forwarded-for': address },
    auth: { siteKey: server.siteKey },
    forceNew: true,
    reconnection: false,
  }) as VisitorSocket;
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('session:established', () => resolve({ connected: true }));
    socket.once('connect_error', (err: Error & { data?: { retryAfterMs?: number } }) =>
      resolve({ error: err.message, ...(err.data ? { retryAfterMs: err.data.retryAfterMs } : {}) }),
    );
  });
}

function visitorRows(): Promise<number> {
  return sqlOn(server.app.engine).value<number>('SELECT count(*) FROM visitors');
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

describe('visitor limits', () => {
  it('answers most of 500 messages in a burst with rate_limited, stores only the budget and broadcasts nothing else', async () => {
    await start({ visitorMessages: { burst: 5, perSecond: NO_REFILL } });
    const sender = await session();
    // A second tab of the same visitor hears every message the first one sends.
    const observer = await session(sender.token);
    const heard: string[] = [];
    observer.socket.on('message:created', ({ event }) => {
      if (event.type === 'message') heard.push(event.body);
    });

    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        visitorCommand(sender.socket, 'message:send', { clientId: `flood-${String(i).padStart(4, '0')}`, body: `m${i}` }),
      ),
    );
    const refused = results.filter((r): r is Extract<Result<unknown>, { ok: false }> => !r.ok);
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(refused).toHaveLength(495);
    expect(refused.every((r) => r.error.code === 'rate_limited' && (r.error.retryAfterMs ?? 0) > 0)).toBe(true);

    // A third tab has its own budget: once its marker reaches the observer, anything the flood broadcast has too.
    const marker = await session(sender.token);
    const markerHeard = new Promise<void>((resolve) =>
      observer.socket.on('message:created', ({ event }) => event.type === 'message' && event.body === 'marker' && resolve()),
    );
    expect((await visitorCommand(marker.socket, 'message:send', { clientId: 'marker-0001', body: 'marker' })).ok).toBe(true);
    await markerHeard;
    expect(heard).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'marker']);

    const accepted = results.find((r) => r.ok);
    if (!accepted?.ok) throw new Error('nothing accepted');
    const page = await visitorCommand(observer.socket, 'conversation:sync', { conversationId: accepted.data.conversation.id, afterSeq: 0 });
    if (!page.ok) throw new Error(page.error.message);
    const stored = page.data.events.flatMap((e) => (e.type === 'message' ? [e.body] : []));
    expect(stored).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'marker']);
  });

  it('lets a burst of typing through', async () => {
    await start({});
    const { socket } = await session();
    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => visitorCommand(socket, 'typing:set', { typing: i % 2 === 0 })));
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('refuses new visitor sessions past the budget of an address, but not returning visitors or other addresses', async () => {
    await start({ newVisitorsPerIp: { burst: 3, perSecond: NO_REFILL } }, true);
    const first = await session();
    await session();
    await session();
    const refused = await firstVisitFrom('127.0.0.1');
    expect(refused).toMatchObject({ error: 'rate_limited' });
    expect((refused as { retryAfterMs?: number }).retryAfterMs).toBeGreaterThan(0);
    expect(await visitorRows()).toBe(3);

    // A returning visitor is no new session; another address (through the trusted proxy) has its own budget.
    const again = await session(first.token);
    expect(again.visitorId).toBe(first.visitorId);
    expect(await firstVisitFrom('198.51.100.1')).toEqual({ connected: true });
    expect(await visitorRows()).toBe(4);
  });
});
