import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { SOCKET_PATH, VISITOR_NAMESPACE } from '@mostrador/shared';
import { connectVisitorSession, SHOP_ORIGIN, startTestServer, type TestServer, type VisitorSocket } from '../testing/harness.ts';

let server: TestServer;
const sockets: VisitorSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

/** A widget socket that tries once; resolves whether it got its session. */
function attempt(reconnection = false): { socket: VisitorSocket; outcome: Promise<boolean> } {
  const socket = io(`${server.url}${VISITOR_NAMESPACE}`, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    extraHeaders: { origin: SHOP_ORIGIN },
    auth: { siteKey: server.siteKey },
    forceNew: true,
    reconnection,
    reconnectionDelay: 50,
    reconnectionDelayMax: 100,
  }) as VisitorSocket;
  sockets.push(socket);
  const outcome = new Promise<boolean>((resolve) => {
    socket.once('session:established', () => resolve(true));
    if (!reconnection) socket.once('connect_error', () => resolve(false));
  });
  return { socket, outcome };
}

describe('connections per address', () => {
  it('lets in exactly the cap from one address, even when they all arrive at once', async () => {
    server = await startTestServer({ limits: { connectionsPerIp: 4 } });
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => attempt().outcome));
    expect(outcomes.filter(Boolean)).toHaveLength(4);
  });

  it('answers an opening handshake past the cap with 429 and Retry-After, and lets one in again once a socket closes', async () => {
    server = await startTestServer({ limits: { connectionsPerIp: 2 } });
    const first = await connectVisitorSession(server);
    sockets.push(first.socket);
    sockets.push((await connectVisitorSession(server)).socket);

    const res = await fetch(`${server.url}${SOCKET_PATH}/?EIO=4&transport=polling`, { headers: { origin: SHOP_ORIGIN } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('10');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('rate_limited');

    // A widget keeps retrying with Socket.IO's backoff; it gets in once a slot frees.
    const waiting = attempt(true);
    first.socket.disconnect();
    expect(await waiting.outcome).toBe(true);
  });
});
