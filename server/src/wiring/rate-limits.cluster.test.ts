import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { SOCKET_PATH, VISITOR_NAMESPACE } from '@mostrador/shared';
import { SHOP_ORIGIN, type VisitorSocket } from '../testing/harness.ts';
import { startAppCluster, type TestCluster, type TestNode } from '../testing/cluster-apps.ts';

/** Effectively no refill while a test runs, so what is granted is exactly the burst. */
const NO_REFILL = 0.001;

let cluster: TestCluster | undefined;
const sockets: VisitorSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await cluster?.close();
  cluster = undefined;
});

const login = (node: TestNode, password: string, email: string, remoteAddress = '203.0.113.7') =>
  node.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

/** A first visit to `node` from `address` (through a trusted proxy): the handshake's outcome. */
function firstVisitFrom(node: TestNode, siteKey: string, address: string): Promise<string> {
  const socket = io(`${node.url}${VISITOR_NAMESPACE}`, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    extraHeaders: { origin: SHOP_ORIGIN, 'x-forwarded-for': address },
    auth: { siteKey },
    forceNew: true,
    reconnection: false,
  }) as VisitorSocket;
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('session:established', () => resolve('connected'));
    socket.once('connect_error', (err: Error) => resolve(err.message));
  });
}

// A balancer spreads one address's requests over the nodes: counted per node, N nodes would give it N budgets.
describe('limits across the nodes of a cluster', () => {
  it('holds an email back on every node once the guesses spread over them pass its free failures', async () => {
    cluster = await startAppCluster(2, { limits: { loginFreeFailures: 3, loginBaseDelayMs: 60_000, loginMaxDelayMs: 60_000 } });
    const [a, b] = cluster.nodes as [TestNode, TestNode];
    const email = cluster.agentEmail;
    const answers = [];
    for (const node of [a, b, a, b, a, b]) answers.push((await login(node, 'guess', email, `198.51.100.${answers.length}`)).statusCode);
    // Three free failures, the fourth counted (its wait starts), then every attempt on either node is held back.
    expect(answers).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('gives an address one budget of login attempts a minute, whichever node each reaches', async () => {
    cluster = await startAppCluster(2, { limits: { loginPerIpPerMinute: 4 } });
    const [a, b] = cluster.nodes as [TestNode, TestNode];
    const answers = [];
    for (const node of [a, b, a, b, a, b]) answers.push((await login(node, 'guess', `user${answers.length}@shop.example`)).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 429, 429]);
    // Another address still has its own.
    expect((await login(b, 'guess', 'user9@shop.example', '198.51.100.1')).statusCode).toBe(401);
  });

  it('gives an address one budget of new shopper sessions, whichever node each reaches', async () => {
    cluster = await startAppCluster(2, { trustProxy: true, limits: { newVisitorsPerIp: { burst: 3, perSecond: NO_REFILL } } });
    const [a, b] = cluster.nodes as [TestNode, TestNode];
    const outcomes = [];
    for (const node of [a, b, a, b]) outcomes.push(await firstVisitFrom(node, cluster.siteKey, '203.0.113.9'));
    expect(outcomes).toEqual(['connected', 'connected', 'connected', 'rate_limited']);
    expect(await firstVisitFrom(a, cluster.siteKey, '198.51.100.1')).toBe('connected');
  });
});
