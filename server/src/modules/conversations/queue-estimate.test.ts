import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueInfo } from '@mostrador/shared';
import { addAgent, agentCommand, connectAgentAs, connectVisitorSession, visitorCommand, sqlOn } from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/**
 * What a queued shopper is told while they wait: their place in their own
 * department's line, an estimate (four minutes a chat spread over the room
 * the department's agents have, until the shop has real waits, then the
 * typical real wait per place), and when every agent who could answer is
 * busy. Each change reaches the widget as it happens.
 */
const scope = serverPerTest();
const { sockets } = scope;
afterEach(() => vi.useRealTimers());

const siteId = () => scope.server.app.services.sites.byKey(scope.server.siteKey)!.id;

async function manualDepartment(slug: string, name: string): Promise<string> {
  const created = await scope.server.app.services.departments.create(siteId(), { slug, name, routing: 'manual' });
  if (!created.ok) throw new Error(created.error.message);
  return created.data.id;
}

/** A shopper who wrote to a department: the place their ack carried, and every place told after. */
async function queued(department: string, body: string) {
  const { socket } = await connectVisitorSession(scope.server);
  sockets.push(socket);
  const told: Array<QueueInfo | null> = [];
  socket.on('queue:updated', ({ queue }) => told.push(queue));
  const sent = await visitorCommand(socket, 'message:send', { clientId: `v-${Math.random().toString(36).slice(2, 12)}`, body, department });
  if (!sent.ok) throw new Error(sent.error.message);
  return { socket, conversationId: sent.data.conversation.id, first: sent.data.conversation.queue, told, last: () => told.at(-1) };
}

function queuedAt(conversationId: string): Promise<number> {
  return sqlOn(scope.server.app.engine)
    .one<{ at: number }>('SELECT queued_at AS at FROM conversations WHERE id = ?', conversationId)
    .then((row) => row.at);
}

describe('a queued shopper’s place and estimate', () => {
  it('counts places per department, and spreads four minutes a chat over the room its agents have', async () => {
    const returns = await manualDepartment('returns', 'Returns');
    await manualDepartment('orders', 'Orders');
    await addAgent(scope.server, { email: 'rita@shop.example', name: 'Rita', capacity: 2, departmentIds: [returns] });
    await addAgent(scope.server, { email: 'oriol@shop.example', name: 'Oriol', capacity: 3, departmentIds: [returns] });
    sockets.push(await connectAgentAs(scope.server, 'rita@shop.example'), await connectAgentAs(scope.server, 'oriol@shop.example'));

    const a = await queued('returns', 'a');
    const elsewhere = await queued('orders', 'b');
    const c = await queued('returns', 'c');
    // Five free slots in Returns: 240 s a chat over 5 is 48 s a place.
    expect(a.first).toEqual({ position: 1, estimatedWaitSeconds: 48 });
    expect(c.first).toEqual({ position: 2, estimatedWaitSeconds: 96 });
    // Orders has nobody: one line of its own, the estimate over a single slot, and nobody is "busy".
    expect(elsewhere.first).toEqual({ position: 1, estimatedWaitSeconds: 240 });
    await expect.poll(() => c.told).toEqual([{ position: 2, estimatedWaitSeconds: 96 }]);
    // Arrivals behind A, in its line or another, did not move it: A was told its place once. (A command's
    // answer comes after every fact sent to that socket before it.)
    await visitorCommand(a.socket, 'conversation:sync', { conversationId: a.conversationId, afterSeq: 0 });
    expect(a.told).toEqual([{ position: 1, estimatedWaitSeconds: 48 }]);
  });

  it('learns from real waits: the typical wait per place, times the place; and says when everyone who could answer is busy', async () => {
    const returns = await manualDepartment('returns', 'Returns');
    await addAgent(scope.server, { email: 'rita@shop.example', name: 'Rita', capacity: 2, departmentIds: [returns] });
    const rita = await connectAgentAs(scope.server, 'rita@shop.example');
    sockets.push(rita);
    const a = await queued('returns', 'a');
    const b = await queued('returns', 'b');
    const c = await queued('returns', 'c');
    expect([a.first?.position, b.first?.position, c.first?.position]).toEqual([1, 2, 3]);

    // Rita takes A exactly 30 s after it queued: the server's clock is set for that take alone.
    vi.useFakeTimers({ toFake: ['Date'], now: (await queuedAt(a.conversationId)) + 30_000 });
    try {
      expect((await agentCommand(rita, 'conversation:take', { conversationId: a.conversationId })).ok).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    // A waited 30 s at the front: 30 s a place from now on. Rita has room for one more.
    await expect.poll(() => b.last()).toEqual({ position: 1, estimatedWaitSeconds: 30 });
    await expect.poll(() => c.last()).toEqual({ position: 2, estimatedWaitSeconds: 60 });
    await expect.poll(() => a.last()).toBeNull();
    // Asked at once, the line is read afresh: B stands first.
    const synced = await visitorCommand(b.socket, 'conversation:sync', { conversationId: b.conversationId, afterSeq: 0 });
    expect(synced.ok && synced.data.conversation.queue).toEqual({ position: 1, estimatedWaitSeconds: 30 });

    // B waited under a second, which says nothing about the line; Rita is now full.
    expect((await agentCommand(rita, 'conversation:take', { conversationId: b.conversationId })).ok).toBe(true);
    await expect.poll(() => c.last()).toEqual({ position: 1, estimatedWaitSeconds: 30, allBusy: true });
    await expect.poll(() => b.last()).toBeNull();
    // Told once per change: its place on arrival (four minutes a chat over Rita's two slots), then 3 → 2 → 1.
    expect(c.told).toEqual([
      { position: 3, estimatedWaitSeconds: 360 },
      { position: 2, estimatedWaitSeconds: 60 },
      { position: 1, estimatedWaitSeconds: 30, allBusy: true },
    ]);
  });

  it('says everyone is busy only once every agent who could answer is full, not while one still has room', async () => {
    const returns = await manualDepartment('returns', 'Returns');
    await addAgent(scope.server, { email: 'rita@shop.example', name: 'Rita', capacity: 1, departmentIds: [returns] });
    await addAgent(scope.server, { email: 'oriol@shop.example', name: 'Oriol', capacity: 1, departmentIds: [returns] });
    const rita = await connectAgentAs(scope.server, 'rita@shop.example');
    const oriol = await connectAgentAs(scope.server, 'oriol@shop.example');
    sockets.push(rita, oriol);
    const a = await queued('returns', 'a');
    const b = await queued('returns', 'b');
    const c = await queued('returns', 'c');

    // Rita is full, Oriol has room: B waits first in line, and nobody says everyone is busy.
    expect((await agentCommand(rita, 'conversation:take', { conversationId: a.conversationId })).ok).toBe(true);
    await expect.poll(() => b.last()).toEqual({ position: 1, estimatedWaitSeconds: expect.any(Number) });
    // Now both are full.
    expect((await agentCommand(oriol, 'conversation:take', { conversationId: b.conversationId })).ok).toBe(true);
    await expect.poll(() => c.last()).toEqual({ position: 1, estimatedWaitSeconds: expect.any(Number), allBusy: true });
  });

  it('learns the pace of chats from each one that ends: a fifth of the new length, four fifths of the old', async () => {
    const returns = await manualDepartment('returns', 'Returns');
    await addAgent(scope.server, { email: 'rita@shop.example', name: 'Rita', capacity: 1, departmentIds: [returns] });
    const rita = await connectAgentAs(scope.server, 'rita@shop.example');
    sockets.push(rita);
    const a = await queued('returns', 'a');
    expect(a.first).toEqual({ position: 1, estimatedWaitSeconds: 240 });
    expect((await agentCommand(rita, 'conversation:take', { conversationId: a.conversationId })).ok).toBe(true);
    expect(
      (await agentCommand(rita, 'message:send', { conversationId: a.conversationId, clientId: 'a-pace-01', body: 'Ara ho miro' })).ok,
    ).toBe(true);
    // Rita answered ten minutes ago, as far as the pace knows: a chat long enough that its fifth shows in whole seconds.
    await sqlOn(scope.server.app.engine).run(
      'UPDATE conversations SET first_response_at = first_response_at - 600000 WHERE id = ?',
      a.conversationId,
    );
    expect((await agentCommand(rita, 'conversation:close', { conversationId: a.conversationId })).ok).toBe(true);
    const { answered, closed } = await sqlOn(scope.server.app.engine).one<{ answered: number; closed: number }>(
      'SELECT first_response_at AS answered, closed_at AS closed FROM conversations WHERE id = ?',
      a.conversationId,
    );
    const seconds = (closed - answered) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(600);

    // A waited under a second (no real waits yet), so the estimate is the pace over Rita's one slot.
    const b = await queued('returns', 'b');
    expect(b.first).toEqual({ position: 1, estimatedWaitSeconds: Math.round(240 * 0.8 + seconds * 0.2) });
    expect(b.first?.estimatedWaitSeconds).toBeGreaterThanOrEqual(312);
  });
});
