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
  const sales = server.app.services.departments.create(site.id, { slug: 'sales', name: 'Sales', routing: 'auto' });
  const orders = server.app.services.departments.create(site.id, { slug: 'orders', name: 'Orders', routing: 'auto' });
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
    expect((await agentCommand(anna, 'conversation:sync', { conversationId, afterSeq: 0 })).ok).toBe(false);
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
    expect((await agentCommand(bernat, 'message:send', { conversationId, clientId: 'bernat-after', body: 'x' })).ok).toBe(false);
  });
});

describe('races with automatic assignment', () => {
  it('never gives one conversation to two agents when takes, transfers and auto-assignment collide', async () => {
    const site = server.app.services.sites.byKey(server.siteKey)!;
    server.app.services.departments.update(site.id, salesId, { routing: 'manual' });
    const anna = await agent('anna');
    const bernat = await agent('bernat');
    const conversations = await Promise.all(Array.from({ length: 6 }, (_, i) => visitorWithMessage('sales', `m${i}`)));
    // Switch to automatic while both agents race to take every conversation by hand.
    server.app.services.departments.update(site.id, salesId, { routing: 'auto' });
    const outcomes = await Promise.all([
      server.app.services.routing.drain(site.id),
      ...conversations.flatMap(({ conversationId }) => [
        agentCommand(anna, 'conversation:take', { conversationId }),
        agentCommand(bernat, 'conversation:take', { conversationId }),
      ]),
    ]);
    expect(outcomes.length).toBe(13);
    for (const { conversationId } of conversations) {
      const page = await assigneeOf(anna, conversationId).catch(() => assigneeOf(bernat, conversationId));
      expect(page.events.filter((e: ConversationEvent) => e.type === 'joined')).toHaveLength(1);
    }
    const loads = server.app.services.conversations.loads(site.id);
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
    expect((await agentCommand(carla, 'message:send', { conversationId, clientId: 'carla-intrude', body: 'x' })).ok).toBe(false);
    expect((await agentCommand(carla, 'conversation:close', { conversationId })).ok).toBe(false);
    expect((await agentCommand(carla, 'conversation:invite', { conversationId, agentId: (await assigneeIdByName('Carla'))! })).ok).toBe(
      false,
    );
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
