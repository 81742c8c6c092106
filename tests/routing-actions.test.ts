import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEvent, VisitorEvent } from '@mostrador/shared';
import {
  AGENT_PASSWORD,
  addAgent,
  agentCommand,
  connectAgentAs,
  connectVisitor,
  connected,
  login,
  nextFact,
  startTestServer,
  visitorCommand,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '@mostrador/server/testing';

let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];
let salesId: string;
let ordersId: string;

beforeEach(async () => {
  server = await startTestServer();
  const site = server.app.services.sites.byKey(server.siteKey)!;
  const sales = await server.app.services.departments.create(site.id, { slug: 'sales', name: 'Sales', routing: 'auto' });
  const orders = await server.app.services.departments.create(site.id, { slug: 'orders', name: 'Orders', routing: 'auto' });
  if (!sales.ok || !orders.ok) throw new Error('departments');
  salesId = sales.data.id;
  ordersId = orders.data.id;
  await addAgent(server, { email: 'anna@shop.example', name: 'Anna', departmentIds: [salesId] });
  await addAgent(server, { email: 'bernat@shop.example', name: 'Bernat', departmentIds: [salesId] });
  await addAgent(server, { email: 'carla@shop.example', name: 'Carla', departmentIds: [ordersId] });
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

async function agent(name: string): Promise<AgentSocket> {
  const socket = await connectAgentAs(server, `${name}@shop.example`);
  sockets.push(socket);
  return socket;
}

async function visitorWithMessage(
  department: string,
  body = 'hola',
): Promise<{ socket: VisitorSocket; conversationId: string; log: VisitorEvent[] }> {
  const socket = connectVisitor(server.url, { siteKey: server.siteKey });
  sockets.push(socket);
  const log: VisitorEvent[] = [];
  socket.on('message:created', ({ event }) => log.push(event));
  socket.on('conversation:changed', ({ event }) => log.push(event));
  const session = nextFact(socket, 'session:established');
  await connected(socket);
  await session;
  const sent = await visitorCommand(socket, 'message:send', { clientId: `v-${Math.random().toString(36).slice(2, 12)}`, body, department });
  if (!sent.ok) throw new Error(sent.error.message);
  // The sending socket hears of its own message in the ack, not again as a fact.
  log.push(sent.data.event);
  log.sort((a, b) => a.seq - b.seq);
  return { socket, conversationId: sent.data.conversation.id, log };
}

async function assigneeOf(socket: AgentSocket, conversationId: string) {
  const page = await agentCommand(socket, 'conversation:sync', { conversationId, afterSeq: 0 });
  if (!page.ok) throw new Error(page.error.message);
  return page.data;
}

describe('transfers', () => {
  it('hands a chat to a colleague with a note only agents read; the visitor sees who joined', async () => {
    const anna = await agent('anna');
    const { conversationId, log } = await visitorWithMessage('sales');
    const carla = await agent('carla');

    const carlaHears = nextFact<AgentSocket, { conversation: { assignee: { name: string } | null } }>(carla, 'conversation:changed');
    const result = await agentCommand(anna, 'conversation:transfer', {
      conversationId,
      to: { kind: 'agent', agentId: (await assigneeIdByName('Carla'))! },
      note: 'Vol canviar la talla de la comanda 1042',
    });
    expect(result.ok).toBe(true);
    expect((await carlaHears).conversation.assignee?.name).toBe('Carla');

    const page = await assigneeOf(carla, conversationId);
    expect(page.events.map((e) => e.type)).toEqual(['message', 'joined', 'note', 'left', 'joined']);
    expect(page.events.find((e) => e.type === 'note')).toMatchObject({ body: 'Vol canviar la talla de la comanda 1042' });

    await expect.poll(() => log.map((e) => e.type)).toEqual(['message', 'joined', 'left', 'joined']);
    expect(JSON.stringify(log)).not.toContain('1042');
    // Anna no longer reaches it.
    expect(await agentCommand(anna, 'conversation:sync', { conversationId, afterSeq: 0 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('sends a chat to another department’s queue, where its agent picks it up', async () => {
    const anna = await agent('anna');
    const { conversationId, log } = await visitorWithMessage('sales');
    const result = await agentCommand(anna, 'conversation:transfer', {
      conversationId,
      to: { kind: 'department', departmentId: ordersId },
    });
    expect(result.ok).toBe(true);
    await expect.poll(() => log.map((e) => e.type)).toEqual(['message', 'joined', 'left', 'queued']);
    expect(log.at(-1)).toMatchObject({ type: 'queued', department: { name: 'Orders' }, reason: 'transferred' });

    const carla = await agent('carla');
    await expect.poll(async () => (await assigneeOf(carla, conversationId)).conversation.assignee?.name).toBe('Carla');
  });
});

describe('group chat', () => {
  it('lets an invited colleague read and write; both see each other typing; the visitor sees both names', async () => {
    const anna = await agent('anna');
    const { socket: visitor, conversationId } = await visitorWithMessage('sales');
    const bernat = await agent('bernat');
    const invited = await agentCommand(anna, 'conversation:invite', { conversationId, agentId: (await assigneeIdByName('Bernat'))! });
    expect(invited.ok).toBe(true);
    if (!invited.ok) return;
    expect(invited.data.conversation.guests.map((g) => g.name)).toEqual(['Bernat']);

    const annaSeesBernat = nextFact<AgentSocket, { agent: { name: string } | null }>(anna, 'typing:changed');
    await agentCommand(bernat, 'typing:set', { conversationId, typing: true });
    expect((await annaSeesBernat).agent?.name).toBe('Bernat');

    const reply = await agentCommand(bernat, 'message:send', { conversationId, clientId: 'bernat-reply', body: 'Hola, soc en Bernat' });
    expect(reply.ok).toBe(true);
    const session = await visitorCommand(visitor, 'conversation:sync', { conversationId, afterSeq: 0 });
    if (!session.ok) throw new Error('sync');
    expect(session.data.conversation.agents.map((a) => a.name)).toEqual(['Anna', 'Bernat']);

    const left = await agentCommand(bernat, 'conversation:leave', { conversationId });
    expect(left.ok).toBe(true);
    const after = await agentCommand(bernat, 'message:send', { conversationId, clientId: 'bernat-after', body: 'x' });
    expect(after).toEqual({ ok: false, error: { code: 'not_found', message: 'No such conversation' } });
    const page = await assigneeOf(anna, conversationId);
    expect(page.events.filter((e) => e.type === 'message').map((e) => e.type === 'message' && e.body)).toEqual([
      'hola',
      'Hola, soc en Bernat',
    ]);
  });
});

describe('races with automatic assignment', () => {
  it('never gives one conversation to two agents when takes, transfers and auto-assignment collide', async () => {
    const site = server.app.services.sites.byKey(server.siteKey)!;
    await server.app.services.departments.update(site.id, salesId, { routing: 'manual' });
    const anna = await agent('anna');
    const bernat = await agent('bernat');
    const conversations = await Promise.all(Array.from({ length: 6 }, (_, i) => visitorWithMessage('sales', `m${i}`)));
    // Switch to automatic while both agents race to take every conversation by hand.
    await server.app.services.departments.update(site.id, salesId, { routing: 'auto' });
    const [, ...takes] = await Promise.all([
      server.app.services.routing.drain(site.id),
      ...conversations.flatMap(({ conversationId }) => [
        agentCommand(anna, 'conversation:take', { conversationId }),
        agentCommand(bernat, 'conversation:take', { conversationId }),
      ]),
    ]);
    // Each take either won or lost the race; none failed for another reason.
    for (const take of takes) {
      if (!take.ok) expect(take.error.code).toBe('conflict');
    }
    for (const [i, { conversationId }] of conversations.entries()) {
      const page = await assigneeOf(anna, conversationId).catch(() => assigneeOf(bernat, conversationId));
      expect(page.events.filter((e: ConversationEvent) => e.type === 'joined')).toHaveLength(1);
      // At most one of the two takes of a conversation won, and only if it is that agent's.
      const won = [takes[2 * i], takes[2 * i + 1]].filter((t) => t?.ok);
      expect(won.length).toBeLessThanOrEqual(1);
      for (const t of won) expect(t!.ok && t!.data.conversation.assignee?.id).toBe(page.conversation.assignee?.id);
    }
    const loads = await server.app.services.conversations.loads(site.id);
    expect([...loads.values()].reduce((a, b) => a + b, 0)).toBe(6);
    expect(Math.max(...loads.values())).toBeLessThanOrEqual(3);
  });
});

describe('access', () => {
  it('keeps an agent out of a colleague’s conversation over the socket and over REST', async () => {
    const anna = await agent('anna');
    const { conversationId } = await visitorWithMessage('sales');
    const carla = await agent('carla');
    expect(await agentCommand(carla, 'conversation:sync', { conversationId, afterSeq: 0 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const missing = { ok: false, error: { code: 'not_found', message: 'No such conversation' } };
    const before = await assigneeOf(anna, conversationId);
    expect(await agentCommand(carla, 'message:send', { conversationId, clientId: 'carla-intrude', body: 'x' })).toEqual(missing);
    expect(await agentCommand(carla, 'conversation:close', { conversationId })).toEqual(missing);
    expect(await agentCommand(carla, 'conversation:invite', { conversationId, agentId: (await assigneeIdByName('Carla'))! })).toEqual(
      missing,
    );
    expect(await agentCommand(carla, 'conversation:take', { conversationId })).toEqual(missing);
    expect(await agentCommand(carla, 'typing:set', { conversationId, typing: true })).toEqual(missing);
    expect(await assigneeOf(anna, conversationId)).toEqual(before);
    expect(await agentCommand(carla, 'conversation:list', { view: 'all' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const cookie = await login(server.url, 'carla@shop.example', AGENT_PASSWORD);
    const rest = await fetch(`${server.url}/api/conversations/${conversationId}/events`, { headers: { cookie } });
    expect(rest.status).toBe(404);
    const mine = await fetch(`${server.url}/api/conversations?view=mine`, { headers: { cookie } });
    expect(((await mine.json()) as { conversations: unknown[] }).conversations).toEqual([]);
    const admin = await fetch(`${server.url}/api/admin/agents`, { headers: { cookie } });
    expect(admin.status).toBe(403);
    // Anna, its agent, does reach it.
    expect((await agentCommand(anna, 'conversation:sync', { conversationId, afterSeq: 0 })).ok).toBe(true);
  });
});

async function assigneeIdByName(name: string): Promise<string | undefined> {
  const site = server.app.services.sites.byKey(server.siteKey)!;
  return server.app.services.agents.list(site.id).find((a) => a.name === name)?.id;
}

describe('refused transfers and invitations', () => {
  /** Anna has the chat; each refusal answers its code and message, and the log stays as it was. */
  async function refusals() {
    const anna = await agent('anna');
    const { conversationId } = await visitorWithMessage('sales');
    await expect.poll(async () => (await assigneeOf(anna, conversationId)).conversation.assignee?.name).toBe('Anna');
    const unchanged = async (expected: Awaited<ReturnType<typeof assigneeOf>>) =>
      expect(await assigneeOf(anna, conversationId)).toEqual(expected);
    return { anna, conversationId, unchanged };
  }
  const refused = (code: string, message: string) => ({ ok: false, error: { code, message } });

  it('a guest cannot transfer; nobody transfers to its own agent, to someone offline, or a closed chat', async () => {
    const { anna, conversationId, unchanged } = await refusals();
    const bernat = await agent('bernat');
    const bernatId = (await assigneeIdByName('Bernat'))!;
    expect((await agentCommand(anna, 'conversation:invite', { conversationId, agentId: bernatId })).ok).toBe(true);
    const before = await assigneeOf(anna, conversationId);
    const annaId = (await assigneeIdByName('Anna'))!;
    const carlaId = (await assigneeIdByName('Carla'))!;

    expect(await agentCommand(bernat, 'conversation:transfer', { conversationId, to: { kind: 'agent', agentId: annaId } })).toEqual(
      refused('forbidden', 'Only the conversation’s agent or an admin can transfer it'),
    );
    expect(await agentCommand(anna, 'conversation:transfer', { conversationId, to: { kind: 'agent', agentId: annaId } })).toEqual(
      refused('conflict', 'That agent already has it'),
    );
    // Carla never came online.
    expect(await agentCommand(anna, 'conversation:transfer', { conversationId, to: { kind: 'agent', agentId: carlaId } })).toEqual(
      refused('conflict', 'That agent is not available'),
    );
    await unchanged(before);

    expect((await agentCommand(anna, 'conversation:close', { conversationId })).ok).toBe(true);
    const closed = await assigneeOf(anna, conversationId);
    expect(await agentCommand(anna, 'conversation:transfer', { conversationId, to: { kind: 'agent', agentId: bernatId } })).toEqual(
      refused('conflict', 'The conversation is closed'),
    );
    await unchanged(closed);
  });

  it('nobody is invited twice, nor its own agent, nor someone offline, nor into a closed chat', async () => {
    const { anna, conversationId, unchanged } = await refusals();
    // Bernat online, so only the rules below refuse him.
    await agent('bernat');
    const bernatId = (await assigneeIdByName('Bernat'))!;
    expect((await agentCommand(anna, 'conversation:invite', { conversationId, agentId: bernatId })).ok).toBe(true);
    const before = await assigneeOf(anna, conversationId);

    expect(await agentCommand(anna, 'conversation:invite', { conversationId, agentId: bernatId })).toEqual(
      refused('conflict', 'That agent is already in the conversation'),
    );
    expect(await agentCommand(anna, 'conversation:invite', { conversationId, agentId: (await assigneeIdByName('Anna'))! })).toEqual(
      refused('conflict', 'That agent is already in the conversation'),
    );
    expect(await agentCommand(anna, 'conversation:invite', { conversationId, agentId: (await assigneeIdByName('Carla'))! })).toEqual(
      refused('conflict', 'That agent is not available'),
    );
    await unchanged(before);

    expect((await agentCommand(anna, 'conversation:close', { conversationId })).ok).toBe(true);
    const closed = await assigneeOf(anna, conversationId);
    expect(await agentCommand(anna, 'conversation:invite', { conversationId, agentId: bernatId })).toEqual(
      refused('conflict', 'The conversation is closed'),
    );
    await unchanged(closed);
  });

  it('nobody transfers to, or invites, an agent or department of no such kind, another site’s included; nor leaves a chat they are no guest of', async () => {
    const { anna, conversationId, unchanged } = await refusals();
    const before = await assigneeOf(anna, conversationId);
    const other = await server.app.services.sites.create({ name: 'Other', allowedOrigins: [] });
    const theirAgent = await server.app.services.agents.create({
      siteId: other.id,
      email: 'x@other.example',
      name: 'X',
      role: 'agent',
      password: 'long enough pass',
    });
    const theirDepartment = await server.app.services.departments.create(other.id, { slug: 'sales', name: 'Sales', routing: 'auto' });
    if (!theirAgent.ok || !theirDepartment.ok) throw new Error('other site');
    for (const agentId of ['agt_nobody0000000000', theirAgent.data.id]) {
      expect(await agentCommand(anna, 'conversation:transfer', { conversationId, to: { kind: 'agent', agentId } })).toEqual(
        refused('not_found', 'No such agent'),
      );
      expect(await agentCommand(anna, 'conversation:invite', { conversationId, agentId })).toEqual(refused('not_found', 'No such agent'));
    }
    for (const departmentId of ['dep_nobody0000000000', theirDepartment.data.id]) {
      expect(await agentCommand(anna, 'conversation:transfer', { conversationId, to: { kind: 'department', departmentId } })).toEqual(
        refused('not_found', 'No such department'),
      );
    }
    // Anna is its agent, not a guest: there is nothing for her to leave.
    expect(await agentCommand(anna, 'conversation:leave', { conversationId })).toEqual(refused('not_found', 'No such conversation'));
    await unchanged(before);
  });
});
