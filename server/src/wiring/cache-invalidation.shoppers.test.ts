import { describe, expect, it } from 'vitest';
import type { SessionEstablished } from '@mostrador/shared';
import { identityHash } from '../modules/visitors/index.ts';
import { connected, connectVisitor, nextFact, visitorCommand, type VisitorSocket } from '../testing/harness.ts';
import { clusterAdmin, clusterPerTest, type TestNode } from '../testing/cluster-apps.ts';
import { eventually } from '../testing/redis.ts';

const perTest = clusterPerTest();
const { sockets } = perTest;

/** A tab of the shopper on `node` (the same shopper when `token` is theirs). */
async function tabOn(node: TestNode, token?: string): Promise<{ socket: VisitorSocket; session: SessionEstablished }> {
  const socket = connectVisitor(node.url, { siteKey: perTest.cluster.siteKey, ...(token ? { token } : {}) });
  sockets.push(socket);
  const session = nextFact<VisitorSocket, SessionEstablished>(socket, 'session:established');
  await connected(socket);
  return { socket, session: await session };
}

/** A cluster whose site asks for an email before the first message, and one shopper with a tab on each node. */
async function shopperOnBothNodes() {
  const cluster = await perTest.start(2);
  const [a, b] = cluster.nodes as [TestNode, TestNode];
  await a.app.services.sites.update(cluster.siteId, { preChat: 'email' });
  await eventually('every node asks', () =>
    cluster.nodes.every((node) => node.app.services.sites.byId(cluster.siteId)?.preChat === 'email'),
  );
  const onA = await tabOn(a);
  const onB = await tabOn(b, onA.session.token);
  return { cluster, a, b, onA, onB };
}

/**
 * Whether the shopper's first message is taken on that tab (nothing is stored while the pre-chat form is
 * missing); asked again and again, it may be told to slow down, which is a "not yet".
 */
async function firstMessageTaken(socket: VisitorSocket): Promise<boolean> {
  const sent = await visitorCommand(socket, 'message:send', { clientId: 'cluster-first-1', body: 'Hola' });
  if (!sent.ok && sent.error.code !== 'contact_required' && sent.error.code !== 'rate_limited') throw new Error(sent.error.message);
  return sent.ok;
}

describe('a shopper’s details told on one node of a cluster', () => {
  it('are known to the other: the contact left on one tab lets the tab on the other node write', async () => {
    const { b, onA, onB } = await shopperOnBothNodes();
    expect(await firstMessageTaken(onB.socket)).toBe(false);

    expect((await visitorCommand(onA.socket, 'visitor:contact', { email: 'anna@example.com' })).ok).toBe(true);
    await eventually('the tab on b may write', () => firstMessageTaken(onB.socket));
    expect((await tabOn(b, onA.session.token)).session.contact).toEqual({ email: 'anna@example.com', name: null });
  });

  it('are known to the other: a customer the shop vouched for on one node is reachable on the other', async () => {
    const { cluster, a, b, onA, onB } = await shopperOnBothNodes();
    const site = await a.app.services.sites.withIdentitySecret(a.app.services.sites.byId(cluster.siteId)!);
    const identified = await visitorCommand(onA.socket, 'visitor:identify', {
      id: 'cust-9',
      name: 'Núria Vidal',
      email: 'nuria@example.cat',
      hash: identityHash(site.identitySecret, 'cust-9'),
    });
    expect(identified.ok).toBe(true);
    await eventually('the tab on b may write', () => firstMessageTaken(onB.socket));
    expect(b.app.services.visitors.verifiedIdentity(cluster.siteId, onA.session.visitorId)).toMatchObject({ email: 'nuria@example.cat' });
  });

  it('are let go of by the other once erased on one', async () => {
    const cluster = await perTest.start(2);
    const [a, b] = cluster.nodes as [TestNode, TestNode];
    const admin = await clusterAdmin(cluster);
    const onA = await tabOn(a);
    const site = await a.app.services.sites.withIdentitySecret(a.app.services.sites.byId(cluster.siteId)!);
    await visitorCommand(onA.socket, 'visitor:identify', {
      id: 'cust-7',
      email: 'erase@example.cat',
      hash: identityHash(site.identitySecret, 'cust-7'),
    });
    const { visitorId } = onA.session;
    await eventually('b knows the customer', () => b.app.services.visitors.verifiedIdentity(cluster.siteId, visitorId) !== null);

    const res = await a.app.inject({
      method: 'POST',
      url: `/api/admin/privacy/visitor/${visitorId}/erase`,
      cookies: admin,
      payload: { confirm: true },
    });
    expect(res.statusCode).toBe(200);
    await eventually('b has let the customer go', () => b.app.services.visitors.verifiedIdentity(cluster.siteId, visitorId) === null);
  });
});
