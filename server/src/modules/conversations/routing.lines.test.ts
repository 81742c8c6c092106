import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConversationEvent, QueueInfo, VisitorEvent } from '@mostrador/shared';
import {
  addAgent,
  agentCommand,
  connectAgentAs,
  connectVisitorSession,
  visitorCommand,
  sqlOn,
  type AgentSocket,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { agentLog } from '../../testing/conversation-helpers.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';
import { QueueBoard } from './queue-board.ts';

/**
 * What each routing action writes into the conversation and who hears it
 * live: the system lines of a take, a transfer, an invitation and a leave
 * (who joined or left, in which role, why, and by whose hand), the places in
 * line it changes, the wait it teaches the estimate, and the round-robin turn
 * a transfer counts. Clients could resync the lines by sequence, but a
 * console or widget that is only told late shows the wrong agent meanwhile.
 */
const scope = serverPerTest();
const { sockets } = scope;
afterEach(() => vi.restoreAllMocks());

const siteId = () => scope.server.app.services.sites.byKey(scope.server.siteKey)!.id;

/** An agent's console, with every conversation event it hears, in order. */
async function agent(email: string): Promise<{ socket: AgentSocket; heard: ConversationEvent[] }> {
  const socket = await connectAgentAs(scope.server, email);
  sockets.push(socket);
  const heard: ConversationEvent[] = [];
  socket.on('conversation:changed', ({ event }) => heard.push(event));
  socket.on('message:created', ({ event }) => heard.push(event));
  return { socket, heard };
}

/** A shopper who wrote, with every event and place in line the widget hears. */
async function shopper(body: string, department?: string) {
  const { socket } = await connectVisitorSession(scope.server);
  sockets.push(socket);
  const heard: VisitorEvent[] = [];
  const places: Array<QueueInfo | null> = [];
  socket.on('conversation:changed', ({ event }) => heard.push(event));
  socket.on('queue:updated', ({ queue }) => places.push(queue));
  const sent = await visitorCommand(socket, 'message:send', { clientId: `v-${Math.random().toString(36).slice(2, 12)}`, body, department });
  if (!sent.ok) throw new Error(sent.error.message);
  return { socket: socket as VisitorSocket, conversationId: sent.data.conversation.id, heard, places };
}

const log = agentLog;

function row(conversationId: string) {
  return sqlOn(scope.server.app.engine).one<{
    assigneeId: string | null;
    departmentId: string | null;
    queuedAt: number | null;
    queuePriority: number;
  }>(
    `SELECT assignee_id AS "assigneeId", department_id AS "departmentId", queued_at AS "queuedAt", queue_priority AS "queuePriority"
         FROM conversations WHERE id = ?`,
    conversationId,
  );
}

async function manualDepartment(slug: string, name: string): Promise<string> {
  const created = await scope.server.app.services.departments.create(siteId(), { slug, name, routing: 'manual' });
  if (!created.ok) throw new Error(created.error.message);
  return created.data.id;
}

const byAgent = (id: string, name: string) => ({ kind: 'agent', id, name });

describe('a take', () => {
  it('writes who joined by their own hand, tells the shopper and the line behind, and teaches the estimate how long the shopper waited', async () => {
    const returns = await manualDepartment('returns', 'Returns');
    const ritaId = await addAgent(scope.server, { email: 'rita@shop.example', name: 'Rita', departmentIds: [returns] });
    const rita = await agent('rita@shop.example');
    const first = await shopper('Vull tornar les sabates', 'returns');
    const second = await shopper('I jo unes botes', 'returns');
    const { queuedAt } = await row(first.conversationId);
    expect(queuedAt).not.toBeNull();
    const waits = vi.spyOn(QueueBoard.prototype, 'recordWait');

    const before = Date.now();
    const taken = await agentCommand(rita.socket, 'conversation:take', { conversationId: first.conversationId });
    const after = Date.now();
    const joined = { type: 'joined', agent: { id: ritaId, name: 'Rita' }, role: 'assignee', author: byAgent(ritaId, 'Rita') };
    expect(taken).toMatchObject({ ok: true, data: { event: joined, conversation: { assignee: { id: ritaId } } } });
    expect((await log(rita.socket, first.conversationId)).at(-1)).toMatchObject(joined);

    await expect.poll(() => first.heard.at(-1)).toMatchObject({ type: 'joined', agent: { name: 'Rita' }, role: 'assignee' });
    // The first left the line; the second moved up to its place.
    await expect.poll(() => first.places.at(-1)).toBeNull();
    await expect.poll(() => second.places.at(-1)?.position).toBe(1);

    expect(waits).toHaveBeenCalledTimes(1);
    const [site, waitedMs, at] = waits.mock.calls[0]!;
    expect(site).toBe(siteId());
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(after);
    expect(waitedMs).toBeGreaterThanOrEqual(before - queuedAt!);
    expect(waitedMs).toBeLessThanOrEqual(after - queuedAt!);
    expect(await row(first.conversationId)).toMatchObject({ assigneeId: ritaId, queuedAt: null, queuePriority: 0 });
  });

  it('a proactive chat never waited in line: it teaches the estimate nothing, and its first line names its starter', async () => {
    const marta = await agent(scope.server.agentEmail);
    const martaId = scope.server.app.services.agents.list(siteId()).find((a) => a.name === 'Marta')!.id;
    const { visitorId, socket } = await connectVisitorSession(scope.server);
    sockets.push(socket);
    const waits = vi.spyOn(QueueBoard.prototype, 'recordWait');
    const started = await agentCommand(marta.socket, 'conversation:start', { visitorId, clientId: 'p-lines-01', body: 'Et puc ajudar?' });
    if (!started.ok) throw new Error(started.error.message);
    expect((await log(marta.socket, started.data.conversation.id)).slice(0, 2)).toMatchObject([
      { type: 'joined', agent: { id: martaId, name: 'Marta' }, role: 'assignee', author: byAgent(martaId, 'Marta') },
      { type: 'message', body: 'Et puc ajudar?' },
    ]);
    expect(waits).not.toHaveBeenCalled();
  });
});

describe('a transfer', () => {
  it('to a colleague: a note for agents, the old agent left and the new one joined, both by the transferring hand; everyone hears it', async () => {
    const annaId = await addAgent(scope.server, { email: 'anna@shop.example', name: 'Anna' });
    const anna = await agent('anna@shop.example');
    const chat = await shopper('On és la comanda 1042?');
    const carlaId = await addAgent(scope.server, { email: 'carla@shop.example', name: 'Carla' });
    const carla = await agent('carla@shop.example');
    // Carla first helps as a guest; the transfer makes her its agent, and no longer a guest.
    expect((await agentCommand(anna.socket, 'conversation:invite', { conversationId: chat.conversationId, agentId: carlaId })).ok).toBe(
      true,
    );
    const seqBefore = (await log(anna.socket, chat.conversationId)).at(-1)!.seq;

    const moved = await agentCommand(anna.socket, 'conversation:transfer', {
      conversationId: chat.conversationId,
      to: { kind: 'agent', agentId: carlaId },
      note: 'Talla 42 en lloc de 41',
    });
    const lines = [
      { type: 'note', body: 'Talla 42 en lloc de 41', author: byAgent(annaId, 'Anna') },
      { type: 'left', agent: { id: annaId, name: 'Anna' }, reason: 'transferred', author: byAgent(annaId, 'Anna') },
      { type: 'joined', agent: { id: carlaId, name: 'Carla' }, role: 'assignee', author: byAgent(annaId, 'Anna') },
    ];
    expect(moved).toMatchObject({ ok: true, data: { event: lines[2], conversation: { assignee: { id: carlaId }, guests: [] } } });
    const written = (await log(carla.socket, chat.conversationId)).filter((e) => e.seq > seqBefore);
    expect(written).toMatchObject(lines);
    expect(written).toHaveLength(3);
    expect(await row(chat.conversationId)).toMatchObject({ assigneeId: carlaId, queuedAt: null, queuePriority: 0 });

    // Live: Anna sees it go, Carla sees it come, the shopper sees who left and who joined, never the note.
    await expect.poll(() => anna.heard.filter((e) => e.seq > seqBefore)).toMatchObject(lines);
    await expect.poll(() => carla.heard.filter((e) => e.seq > seqBefore)).toMatchObject(lines);
    await expect
      .poll(() => chat.heard.slice(-2))
      .toMatchObject([
        { type: 'left', agent: { name: 'Anna' }, reason: 'transferred' },
        { type: 'joined', agent: { name: 'Carla' }, role: 'assignee' },
      ]);
    expect(JSON.stringify(chat.heard)).not.toContain('Talla 42');
  });

  it('to a department: the chat waits there ahead of earlier arrivals, and its line names the department and why', async () => {
    const orders = await manualDepartment('orders', 'Orders');
    const annaId = await addAgent(scope.server, { email: 'anna@shop.example', name: 'Anna' });
    const anna = await agent('anna@shop.example');
    const chat = await shopper('Vull canviar l’adreça');
    const earlier = await shopper('I la meva comanda?', 'orders');
    await expect.poll(() => earlier.places.at(-1)?.position).toBe(1);

    const before = Date.now();
    const moved = await agentCommand(anna.socket, 'conversation:transfer', {
      conversationId: chat.conversationId,
      to: { kind: 'department', departmentId: orders },
    });
    const queued = { type: 'queued', department: { id: orders, name: 'Orders' }, reason: 'transferred', author: byAgent(annaId, 'Anna') };
    expect(moved).toMatchObject({ ok: true, data: { event: queued, conversation: { assignee: null } } });
    // Anna, outside Orders, no longer reads it; an admin does.
    await addAgent(scope.server, { email: 'admin@shop.example', name: 'Admin', role: 'admin' });
    const admin = await agent('admin@shop.example');
    expect((await log(admin.socket, chat.conversationId)).slice(-2)).toMatchObject([
      { type: 'left', agent: { id: annaId, name: 'Anna' }, reason: 'transferred', author: byAgent(annaId, 'Anna') },
      queued,
    ]);
    const stored = await row(chat.conversationId);
    expect(stored).toMatchObject({ assigneeId: null, departmentId: orders, queuePriority: 1 });
    expect(stored.queuedAt).toBeGreaterThanOrEqual(before);

    // A chat handed on goes ahead of the new arrival: first in Orders' line.
    await expect.poll(() => chat.places.at(-1)?.position).toBe(1);
    await expect.poll(() => earlier.places.at(-1)?.position).toBe(2);
    await expect.poll(() => chat.heard.at(-1)).toMatchObject({ type: 'queued', department: { name: 'Orders' }, reason: 'transferred' });
  });

  it('counts as the receiving agent’s turn: each next new chat goes to the colleague whose turn is older', async () => {
    const annaId = await addAgent(scope.server, { email: 'anna@shop.example', name: 'Anna' });
    const bernatId = await addAgent(scope.server, { email: 'bernat@shop.example', name: 'Bernat' });
    const anna = await agent('anna@shop.example');
    const hers = await shopper('primer');
    const bernat = await agent('bernat@shop.example');
    const his = await shopper('segon');
    expect([(await row(hers.conversationId)).assigneeId, (await row(his.conversationId)).assigneeId]).toEqual([annaId, bernatId]);

    // Anna hands hers to Bernat, then Bernat hands his to Anna: one chat each again, Anna's turn the latest.
    const toBernat = { kind: 'agent', agentId: bernatId } as const;
    expect((await agentCommand(anna.socket, 'conversation:transfer', { conversationId: hers.conversationId, to: toBernat })).ok).toBe(true);
    const toAnna = { kind: 'agent', agentId: annaId } as const;
    expect((await agentCommand(bernat.socket, 'conversation:transfer', { conversationId: his.conversationId, to: toAnna })).ok).toBe(true);
    expect(Object.fromEntries(await scope.server.app.services.conversations.loads(siteId()))).toEqual({ [annaId]: 1, [bernatId]: 1 });

    const next = await shopper('tercer');
    expect((await row(next.conversationId)).assigneeId).toBe(bernatId);
    // One each again once Bernat closes that one; now Anna's turn is the older: the next is hers.
    expect((await agentCommand(bernat.socket, 'conversation:close', { conversationId: next.conversationId })).ok).toBe(true);
    const fourth = await shopper('quart');
    expect((await row(fourth.conversationId)).assigneeId).toBe(annaId);
  });
});

describe('an invitation and a leave', () => {
  it('the guest joined by the inviter’s hand and left by their own; the guest hears both, the shopper sees both names', async () => {
    const annaId = await addAgent(scope.server, { email: 'anna@shop.example', name: 'Anna' });
    const anna = await agent('anna@shop.example');
    const chat = await shopper('Una pregunta de talles');
    const bernatId = await addAgent(scope.server, { email: 'bernat@shop.example', name: 'Bernat' });
    const bernat = await agent('bernat@shop.example');

    const invited = await agentCommand(anna.socket, 'conversation:invite', { conversationId: chat.conversationId, agentId: bernatId });
    const joined = { type: 'joined', agent: { id: bernatId, name: 'Bernat' }, role: 'guest', author: byAgent(annaId, 'Anna') };
    expect(invited).toMatchObject({ ok: true, data: { event: joined } });
    await expect.poll(() => bernat.heard.at(-1)).toMatchObject(joined);
    await expect.poll(() => chat.heard.at(-1)).toMatchObject({ type: 'joined', agent: { name: 'Bernat' }, role: 'guest' });

    const left = await agentCommand(bernat.socket, 'conversation:leave', { conversationId: chat.conversationId });
    const leftLine = { type: 'left', agent: { id: bernatId, name: 'Bernat' }, reason: 'left', author: byAgent(bernatId, 'Bernat') };
    expect(left).toMatchObject({ ok: true, data: { event: leftLine, conversation: { guests: [] } } });
    expect((await log(anna.socket, chat.conversationId)).slice(-2)).toMatchObject([joined, leftLine]);
    // Out of the chat, Bernat's console still hears that he left, so it drops the chat.
    await expect.poll(() => bernat.heard.at(-1)).toMatchObject(leftLine);
    await expect.poll(() => anna.heard.at(-1)).toMatchObject(leftLine);
    await expect.poll(() => chat.heard.at(-1)).toMatchObject({ type: 'left', agent: { name: 'Bernat' }, reason: 'left' });
  });
});
