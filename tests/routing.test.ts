import { afterEach, describe, expect, it, onTestFailed } from 'vitest';
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

/**
 * The race's random delays come from a seeded generator: a failure prints its
 * seed, and ROUTING_RACE_SEED=<seed> replays the same delays.
 */
const raceSeed = Number(process.env.ROUTING_RACE_SEED ?? Math.floor(Math.random() * 2 ** 31));
function seededRandom(seed: number): () => number {
  // mulberry32: small, fast, and good enough for test delays.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('automatic assignment under a race', () => {
  it.each([1, 2, 3, 4, 5])(
    'run %i: 20 visitors and 4 agents of capacity 3 → 12 assigned once each, 8 waiting in arrival order',
    async (run) => {
      const seed = raceSeed + run;
      onTestFailed(() => console.error(`routing race run ${run} failed; replay with ROUTING_RACE_SEED=${raceSeed}`));
      const random = seededRandom(seed);
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
          await sleep(Math.floor(random() * 15 * run));
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
    const created = await server.app.services.departments.create(site.id, { slug: 'returns', name: 'Returns', routing: 'manual' });
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

    const heard: Array<{ type: string; reason?: string; department?: unknown }> = [];
    v1.on('conversation:changed', ({ event }) => heard.push(event));
    leaving.disconnect();
    // The visitor is told its agent left, then that it waits in line again, and why.
    await expect.poll(() => heard.map((e) => e.type), { timeout: 5000 }).toEqual(['left', 'queued']);
    expect(heard[0]).toMatchObject({ type: 'left', reason: 'offline' });
    expect(heard[1]).toMatchObject({ type: 'queued', reason: 'requeued', department: null });

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
    // Long enough for a reconnect on a busy machine; the test waits for a fact, not for this many ms.
    server = await startTestServer({ offlineGraceMs: 4000 });
    await addAgent(server, { email: 'reload@shop.example', name: 'Reload' });
    const otherId = await addAgent(server, { email: 'other@shop.example', name: 'Other' });
    const first = await agent('reload@shop.example');
    const v = await visitor();
    const sent = await visitorCommand(v, 'message:send', { clientId: 'reload-msg1', body: 'hola' });
    if (!sent.ok) throw new Error('send failed');
    expect(sent.data.conversation.agents).toEqual([{ name: 'Reload' }]);
    const other = await agent('other@shop.example');

    // A reload: the socket drops and comes back.
    first.disconnect();
    const back = connected(first);
    first.connect();
    await back;
    // Other leaves after that. Its grace period, which started later, running out is the
    // proof that Reload's would have run out too had the reconnect not cancelled it.
    const otherGone = new Promise<void>((resolve) =>
      first.on('presence:changed', ({ agent: changed }) => {
        if (changed.id === otherId && changed.status === 'offline') resolve();
      }),
    );
    other.disconnect();
    await otherGone;
    // Through the group commit, so after any requeue the expired grace would have written.
    const reply = await agentCommand(first, 'message:send', {
      conversationId: sent.data.conversation.id,
      clientId: 'reload-reply',
      body: 'sóc aquí',
    });
    expect(reply).toMatchObject({ ok: true, data: { event: { body: 'sóc aquí' } } });
    expect((await list(first, 'mine')).map((c) => c.id)).toEqual([sent.data.conversation.id]);
    // Never requeued and handed back: no one left or joined after the first assignment.
    const page = await agentCommand(first, 'conversation:sync', { conversationId: sent.data.conversation.id, afterSeq: 0 });
    expect(page.ok && page.data.events.map((e) => e.type)).toEqual(['message', 'joined', 'message']);
  });
});
