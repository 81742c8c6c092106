import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary, QueueInfo } from '@mostrador/shared';
import {
  addAgent,
  agentCommand,
  connectAgentAs,
  connectVisitor,
  connected,
  nextFact,
  startTestServer,
  visitorCommand,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '@mostrador/server/testing';

let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server?.close();
});

async function visitor(): Promise<VisitorSocket> {
  const socket = connectVisitor(server.url, { siteKey: server.siteKey });
  sockets.push(socket);
  const session = nextFact(socket, 'session:established');
  await connected(socket);
  await session;
  return socket;
}

async function agent(email: string): Promise<AgentSocket> {
  const socket = await connectAgentAs(server, email);
  sockets.push(socket);
  return socket;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function list(socket: AgentSocket, view: 'mine' | 'queue' | 'all' | 'closed'): Promise<ConversationSummary[]> {
  const result = await agentCommand(socket, 'conversation:list', { view });
  if (!result.ok) throw new Error(result.error.message);
  return result.data.conversations;
}

/** Waits until routing has settled: no assignment changes between two looks. */
async function settled(admin: AgentSocket): Promise<ConversationSummary[]> {
  let previous = '';
  for (let i = 0; i < 50; i += 1) {
    const all = await list(admin, 'all');
    const shape = JSON.stringify(all.map((c) => [c.id, c.assignee?.id ?? null]));
    if (shape === previous) return all;
    previous = shape;
    await sleep(50);
  }
  throw new Error('routing did not settle');
}

describe('automatic assignment under a race', () => {
  it.each([1, 2, 3, 4, 5])(
    'run %i: 20 visitors and 4 agents of capacity 3 → 12 assigned once each, 8 waiting in arrival order',
    async (run) => {
      server = await startTestServer();
      const emails = ['a1', 'a2', 'a3', 'a4'].map((n) => `${n}@shop.example`);
      for (const [i, email] of emails.entries()) await addAgent(server, { email, name: `Agent ${i + 1}`, capacity: 3 });
      await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin', capacity: 1 });
      // The admin watches with the console, but sets itself away so it takes no chats.
      const admin = await agent('boss@shop.example');
      await agentCommand(admin, 'presence:set', { status: 'away' });
      const agents = await Promise.all(emails.map((e) => agent(e)));

      const visitors = await Promise.all(Array.from({ length: 20 }, () => visitor()));
      const sent = await Promise.all(
        visitors.map(async (v, i) => {
          await sleep(Math.floor(Math.random() * 15 * run));
          const result = await visitorCommand(v, 'message:send', { clientId: `race-${run}-${i}-xx`, body: `hola ${i}` });
          if (!result.ok) throw new Error(result.error.message);
          return result.data;
        }),
      );

      const all = await settled(admin);
      expect(all).toHaveLength(20);
      const assigned = all.filter((c) => c.assignee);
      expect(assigned).toHaveLength(12);
      const perAgent = new Map<string, number>();
      for (const c of assigned) perAgent.set(c.assignee!.id, (perAgent.get(c.assignee!.id) ?? 0) + 1);
      expect([...perAgent.values()]).toEqual([3, 3, 3, 3]);

      // Each agent's own inbox agrees, and no conversation appears in two of them.
      const mine = await Promise.all(agents.map((a) => list(a, 'mine')));
      const ids = mine.flat().map((c) => c.id);
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);

      // The 8 others wait in the order their first message was stored.
      const queue = await list(admin, 'queue');
      expect(queue).toHaveLength(8);
      const arrival = new Map(sent.map((s) => [s.conversation.id, s.event.createdAt]));
      const times = queue.map((c) => arrival.get(c.id)!);
      expect([...times].sort((x, y) => x - y)).toEqual(times);
      // Each joined event was written once: one per assigned conversation.
      for (const c of assigned) {
        const page = await agentCommand(admin, 'conversation:sync', { conversationId: c.id, afterSeq: 0 });
        if (!page.ok) throw new Error(page.error.message);
        expect(page.data.events.filter((e) => e.type === 'joined')).toHaveLength(1);
      }
    },
  );
});

describe('the queue', () => {
  it('tells the visitor its place and moves it up live as chats free up', async () => {
    server = await startTestServer();
    await addAgent(server, { email: 'solo@shop.example', name: 'Solo', capacity: 1 });
    const solo = await agent('solo@shop.example');

    const first = await visitor();
    const a = await visitorCommand(first, 'message:send', { clientId: 'queue-first-1', body: 'primer' });
    if (!a.ok) throw new Error('send failed');
    expect(a.data.conversation.queue).toBeNull();

    const second = await visitor();
    const b = await visitorCommand(second, 'message:send', { clientId: 'queue-second', body: 'segon' });
    const third = await visitor();
    const thirdPlaces: Array<QueueInfo | null> = [];
    third.on('queue:updated', ({ queue }) => thirdPlaces.push(queue));
    const c = await visitorCommand(third, 'message:send', { clientId: 'queue-third1', body: 'tercer' });
    if (!b.ok || !c.ok) throw new Error('send failed');
    expect(b.data.conversation.queue?.position).toBe(1);
    expect(c.data.conversation.queue?.position).toBe(2);
    expect(c.data.conversation.queue!.estimatedWaitSeconds).toBeGreaterThan(b.data.conversation.queue!.estimatedWaitSeconds);

    const secondJoined = nextFact<VisitorSocket, { event: { type: string; agent?: { name: string } } }>(second, 'conversation:changed');
    await agentCommand(solo, 'conversation:close', { conversationId: a.data.conversation.id });
    expect((await secondJoined).event).toMatchObject({ type: 'joined', agent: { name: 'Solo' } });
    await expect.poll(() => thirdPlaces.at(-1)?.position).toBe(1);
  });

  it('leaves a manual department’s queue to the agents, who take from it; a second take is refused', async () => {
    server = await startTestServer();
    const site = server.app.services.sites.byKey(server.siteKey)!;
    const created = server.app.services.departments.create(site.id, { slug: 'returns', name: 'Returns', routing: 'manual' });
    if (!created.ok) throw new Error('department');
    await addAgent(server, { email: 'r1@shop.example', name: 'Rita', departmentIds: [created.data.id] });
    await addAgent(server, { email: 'r2@shop.example', name: 'Roc', departmentIds: [created.data.id] });
    await addAgent(server, { email: 'other@shop.example', name: 'Other', departmentIds: [] });
    const [rita, roc, other] = await Promise.all([agent('r1@shop.example'), agent('r2@shop.example'), agent('other@shop.example')]);

    const v = await visitor();
    const sent = await visitorCommand(v, 'message:send', { clientId: 'manual-dep-1', body: 'vull tornar-ho', department: 'returns' });
    if (!sent.ok) throw new Error('send failed');
    const conversationId = sent.data.conversation.id;
    expect(sent.data.conversation.queue?.position).toBe(1);
    expect((await list(rita, 'queue')).map((c) => c.department?.name)).toEqual(['Returns']);
    expect(await list(other, 'queue')).toEqual([]);

    const [t1, t2] = await Promise.all([
      agentCommand(rita, 'conversation:take', { conversationId }),
      agentCommand(roc, 'conversation:take', { conversationId }),
    ]);
    expect([t1.ok, t2.ok].filter(Boolean)).toHaveLength(1);
    const loser = t1.ok ? t2 : t1;
    expect(loser).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('an agent who disappears', () => {
  it('loses its chats after the grace period: back to the front of the queue, then to a colleague with room', async () => {
    server = await startTestServer({ offlineGraceMs: 300 });
    await addAgent(server, { email: 'leaving@shop.example', name: 'Leaving', capacity: 2 });
    await addAgent(server, { email: 'busy@shop.example', name: 'Busy', capacity: 1 });
    const leaving = await agent('leaving@shop.example');

    const v1 = await visitor();
    const v2 = await visitor();
    const s1 = await visitorCommand(v1, 'message:send', { clientId: 'drop-one-1', body: 'u' });
    const s2 = await visitorCommand(v2, 'message:send', { clientId: 'drop-two-2', body: 'dos' });
    if (!s1.ok || !s2.ok) throw new Error('send failed');
    expect(s1.data.conversation.agents).toEqual([{ name: 'Leaving' }]);

    const busy = await agent('busy@shop.example');
    const v3 = await visitor();
    const s3 = await visitorCommand(v3, 'message:send', { clientId: 'drop-three', body: 'tres' });
    if (!s3.ok) throw new Error('send failed');
    expect(s3.data.conversation.agents).toEqual([{ name: 'Busy' }]);

    const told = nextFact<VisitorSocket, { event: { type: string; reason?: string } }>(v1, 'conversation:changed', 5000);
    leaving.disconnect();
    expect((await told).event).toMatchObject({ type: 'left', reason: 'offline' });

    // Busy is full; both wait at the front, ahead of anyone newer.
    const v4 = await visitor();
    const s4 = await visitorCommand(v4, 'message:send', { clientId: 'drop-four-4', body: 'quatre' });
    if (!s4.ok) throw new Error('send failed');
    const busyQueue = await list(busy, 'queue');
    expect(
      busyQueue
        .map((c) => c.id)
        .slice(0, 2)
        .sort(),
    ).toEqual([s1.data.conversation.id, s2.data.conversation.id].sort());
    expect(busyQueue.at(-1)!.id).toBe(s4.data.conversation.id);

    // A colleague with room arrives and the requeued chats go to her first.
    await addAgent(server, { email: 'fresh@shop.example', name: 'Fresh', capacity: 2 });
    const fresh = await agent('fresh@shop.example');
    await expect
      .poll(async () => (await list(fresh, 'mine')).map((c) => c.id).sort())
      .toEqual([s1.data.conversation.id, s2.data.conversation.id].sort());
  });

  it('keeps its chats through a reload shorter than the grace period', async () => {
    server = await startTestServer({ offlineGraceMs: 2000 });
    await addAgent(server, { email: 'reload@shop.example', name: 'Reload' });
    const first = await agent('reload@shop.example');
    const v = await visitor();
    const sent = await visitorCommand(v, 'message:send', { clientId: 'reload-msg1', body: 'hola' });
    if (!sent.ok) throw new Error('send failed');
    first.disconnect();
    await sleep(200);
    const again = await agent('reload@shop.example');
    await sleep(2500);
    expect((await list(again, 'mine')).map((c) => c.id)).toEqual([sent.data.conversation.id]);
  });
});
