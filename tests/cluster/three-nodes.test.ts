import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary, LiveVisitor, QueueInfo } from '@mostrador/shared';
import {
  agentCommand,
  connectAgentAs,
  connectVisitorSession,
  nextFact,
  visitorCommand,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '@mostrador/server/testing';
import { startTestCluster, type TestCluster } from '@mostrador/server/testing/cluster';

/**
 * Three nodes of one cluster on loopback (one PostgreSQL database, one Redis),
 * each with its own Socket.IO server, as behind a balancer that sent the
 * shopper to one node and the agents to others. Nothing is mocked.
 */
let cluster: TestCluster | undefined;
const sockets: Array<VisitorSocket | AgentSocket> = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await cluster?.close();
  cluster = undefined;
});

async function agentOn(node: TestServer, email: string): Promise<AgentSocket> {
  const socket = await connectAgentAs(node, email);
  sockets.push(socket);
  return socket;
}

async function shopperOn(node: TestServer) {
  const session = await connectVisitorSession(node);
  sockets.push(session.socket);
  return session;
}

async function list(socket: AgentSocket, view: 'mine' | 'queue' | 'all'): Promise<ConversationSummary[]> {
  const result = await agentCommand(socket, 'conversation:list', { view });
  if (!result.ok) throw new Error(result.error.message);
  return result.data.conversations;
}

const MARTA = { email: 'marta@shop.example', name: 'Marta', capacity: 1 };
const JORDI = { email: 'jordi@shop.example', name: 'Jordi', capacity: 1 };

describe('three nodes of a cluster', () => {
  it('carries a chat between a shopper on node A and an agent on node B, with the typing preview', async () => {
    cluster = await startTestCluster({ nodes: 3, agents: [MARTA] });
    const [a, b] = cluster.nodes as [TestServer, TestServer, TestServer];
    const marta = await agentOn(b, MARTA.email);
    // Routing on node A sees Marta's console on node B: the chat is hers at once.
    const created = nextFact<AgentSocket, { conversation: { id: string } }>(marta, 'conversation:created');
    const shopper = await shopperOn(a);
    const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: 'cluster-hello-1', body: 'Hola, teniu la talla 42?' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.conversation.agents).toEqual([{ name: 'Marta' }]);
    const conversationId = (await created).conversation.id;
    expect(conversationId).toBe(sent.data.conversation.id);

    const typing = nextFact<AgentSocket, { typing: boolean; draft: string | null }>(marta, 'typing:changed');
    await visitorCommand(shopper.socket, 'typing:set', { typing: true, draft: 'I la 43' });
    expect(await typing).toMatchObject({ typing: true });

    const answer = nextFact<VisitorSocket, { event: { type: string; body?: string } }>(shopper.socket, 'message:created');
    const replied = await agentCommand(marta, 'message:send', { conversationId, clientId: 'cluster-reply-1', body: 'Sí, en tenim!' });
    expect(replied.ok).toBe(true);
    expect((await answer).event).toMatchObject({ type: 'message', body: 'Sí, en tenim!' });
  });

  it('shows the shoppers of every node in the live list, and takes them off when they leave', async () => {
    cluster = await startTestCluster({ nodes: 3, agents: [MARTA], overrides: { visitorLeaveGraceMs: 200, liveListFlushMs: 50 } });
    const [a, b, c] = cluster.nodes as [TestServer, TestServer, TestServer];
    const early = await shopperOn(c);
    const marta = await agentOn(b, MARTA.email);
    const heard: Array<{ updated: LiveVisitor[]; left: string[] }> = [];
    marta.on('visitors:changed', (changes) => heard.push(changes));
    const watched = await agentCommand(marta, 'visitors:watch', {});
    if (!watched.ok) throw new Error(watched.error.message);
    await expect
      .poll(async () => {
        const again = await agentCommand(marta, 'visitors:watch', {});
        return again.ok ? again.data.visitors.map((v) => v.id) : [];
      })
      .toEqual([early.visitorId]);

    const late = await shopperOn(a);
    await visitorCommand(late.socket, 'page:viewed', { url: 'https://shop.example/botes', title: 'Botes', referrer: '' });
    await expect.poll(() => heard.flatMap((h) => h.updated).some((v) => v.id === late.visitorId && v.page?.title === 'Botes')).toBe(true);
    late.socket.disconnect();
    await expect.poll(() => heard.flatMap((h) => h.left)).toContain(late.visitorId);
  });

  it('tells a waiting shopper on one node its place, moved up when an agent on another node frees up', async () => {
    cluster = await startTestCluster({ nodes: 3, agents: [MARTA] });
    const [a, b, c] = cluster.nodes as [TestServer, TestServer, TestServer];
    const marta = await agentOn(b, MARTA.email);
    const first = await shopperOn(a);
    const served = await visitorCommand(first.socket, 'message:send', { clientId: 'cluster-queue-1', body: 'primer' });
    const second = await shopperOn(c);
    const places: Array<QueueInfo | null> = [];
    second.socket.on('queue:updated', ({ queue }) => places.push(queue));
    const waiting = await visitorCommand(second.socket, 'message:send', { clientId: 'cluster-queue-2', body: 'segon' });
    if (!served.ok || !waiting.ok) throw new Error('send failed');
    expect(waiting.data.conversation.queue?.position).toBe(1);

    const joined = nextFact<VisitorSocket, { event: { type: string; agent?: { name: string } } }>(second.socket, 'conversation:changed');
    await agentCommand(marta, 'conversation:close', { conversationId: served.data.conversation.id });
    expect((await joined).event).toMatchObject({ type: 'joined', agent: { name: 'Marta' } });
  });

  it('transfers a chat from an agent on one node to a colleague on another', async () => {
    cluster = await startTestCluster({ nodes: 3, agents: [MARTA, JORDI] });
    const [a, b, c] = cluster.nodes as [TestServer, TestServer, TestServer];
    const marta = await agentOn(b, MARTA.email);
    const shopper = await shopperOn(a);
    const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: 'cluster-transfer', body: 'Una devolució' });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.data.conversation.id;
    const jordi = await agentOn(c, JORDI.email);
    const jordiId = cluster.agentIds.get(JORDI.email)!;
    const handed = nextFact<AgentSocket, { conversation: { id: string; assignee: { id: string } | null } }>(jordi, 'conversation:changed');
    const transferred = await agentCommand(marta, 'conversation:transfer', {
      conversationId,
      to: { kind: 'agent', agentId: jordiId },
      note: 'Vol tornar unes botes',
    });
    expect(transferred.ok).toBe(true);
    expect((await handed).conversation).toMatchObject({ id: conversationId, assignee: { id: jordiId } });
    await expect.poll(async () => (await list(jordi, 'mine')).map((s) => s.id)).toEqual([conversationId]);
  });

  it('pushes "Live now" to an admin on another node when a chat opens on node A', async () => {
    const ADMIN = { email: 'boss@shop.example', name: 'Boss', role: 'admin' as const };
    cluster = await startTestCluster({ nodes: 3, agents: [ADMIN] });
    const [a, b] = cluster.nodes as [TestServer, TestServer, TestServer];
    const boss = await agentOn(b, ADMIN.email);
    const before = await agentCommand(boss, 'live:watch', {});
    if (!before.ok) throw new Error(before.error.message);
    const heard: Array<{ inProgress: number; queued: number }> = [];
    boss.on('live:changed', (figures) => heard.push(figures));
    const shopper = await shopperOn(a);
    const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: 'cluster-live-1', body: 'Hi ha algú?' });
    if (!sent.ok) throw new Error(sent.error.message);
    // The boss is online too, so the chat is theirs, in progress; node A made the figures, node B told them.
    await expect.poll(() => heard.at(-1)?.inProgress, { timeout: 5000 }).toBe(before.data.inProgress + 1);
  });

  it('lets exactly one of two agents on different nodes take a waiting chat, 50 times in a row', async () => {
    // One shopper writes 50 times in a row and each agent takes and closes as fast: more than the default limits allow a person.
    const fast = { burst: 500, perSecond: 500 };
    cluster = await startTestCluster({
      nodes: 3,
      agents: [
        { ...MARTA, capacity: 50 },
        { ...JORDI, capacity: 50 },
      ],
      overrides: { limits: { visitorMessages: fast, agentEvents: fast, agentMessages: fast } },
    });
    const [a, b, c] = cluster.nodes as [TestServer, TestServer, TestServer];
    const site = cluster.siteId;
    // A manual department: chats wait until an agent takes one.
    const department = await a.app.services.departments.create(site, { slug: 'manual', name: 'Manual', routing: 'manual' });
    if (!department.ok) throw new Error('department');
    for (const email of [MARTA.email, JORDI.email]) {
      await a.app.services.departments.setMemberships(site, cluster.agentIds.get(email)!, [department.data.id]);
    }
    // Made on node A: nodes B and C hear of the department and its members over the cluster bus.
    const marta = await agentOn(b, MARTA.email);
    const jordi = await agentOn(c, JORDI.email);
    const shopper = await shopperOn(a);
    const winners: string[] = [];
    for (let round = 0; round < 50; round++) {
      const sent = await visitorCommand(shopper.socket, 'message:send', {
        clientId: `race-${round}-xxxx`,
        body: `ronda ${round}`,
        department: 'manual',
      });
      if (!sent.ok) throw new Error(sent.error.message);
      const conversationId = sent.data.conversation.id;
      const [fromB, fromC] = await Promise.all([
        agentCommand(marta, 'conversation:take', { conversationId }),
        agentCommand(jordi, 'conversation:take', { conversationId }),
      ]);
      expect([fromB.ok, fromC.ok].filter(Boolean)).toHaveLength(1);
      const loser = fromB.ok ? fromC : fromB;
      expect(loser).toMatchObject({ ok: false, error: { code: 'conflict' } });
      winners.push(fromB.ok ? 'b' : 'c');
      const closed = await agentCommand(fromB.ok ? marta : jordi, 'conversation:close', { conversationId });
      expect(closed.ok).toBe(true);
    }
    expect(winners).toHaveLength(50);
  });
});
