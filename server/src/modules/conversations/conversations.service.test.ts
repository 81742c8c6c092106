import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EARLIER_PAGE_SIZE, SYNC_PAGE_SIZE } from '@mostrador/shared';
import type { App } from '../../app.ts';
import { buildTestApp, sqlOn } from '../../testing/harness.ts';
import type { AgentActor, VisitorActor } from './actors.ts';
import type { ConversationsService } from './conversations.service.ts';

/*
 * The service's rules over the real database, without sockets: nobody is
 * online, so every new conversation waits in the queue unless an agent
 * takes it. The socket tests (visitor.socket, tests/) cover the wire.
 */

let app: App;
let cleanup: () => Promise<void>;
let conversations: ConversationsService;
let siteId: string;
let visitor: VisitorActor;
let admin: AgentActor;
let marta: AgentActor;

async function agent(email: string, name: string, role: 'admin' | 'agent'): Promise<AgentActor> {
  const created = await app.services.agents.create({ siteId, email, name, role, password: 'pass-pass-pass' });
  if (!created.ok) throw new Error(created.error.message);
  return { kind: 'agent', agentId: created.data.id, siteId, name, role };
}

async function newVisitor(site = siteId): Promise<VisitorActor> {
  const row = (await app.services.visitors.identify(site, undefined)).visitor;
  return { kind: 'visitor', visitorId: row.id, siteId: site, label: row.label };
}

async function opened(from = visitor, body = 'Hola'): Promise<string> {
  const sent = await conversations.sendFromVisitor(from, { clientId: `c-${Math.random().toString(36).slice(2, 10)}`, body });
  if (!sent.ok) throw new Error(sent.error.message);
  return sent.data.conversation.id;
}

const eventCount = (conversationId: string) =>
  sqlOn(app.engine).value<number>('SELECT COUNT(*) FROM conversation_events WHERE conversation_id = ?', conversationId);

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  conversations = app.services.conversations;
  siteId = (await app.services.sites.create({ name: 'Botiga', allowedOrigins: [] })).id;
  visitor = await newVisitor();
  admin = await agent('admin@shop.example', 'Admin', 'admin');
  marta = await agent('marta@shop.example', 'Marta', 'agent');
});

afterEach(() => cleanup());

describe('a visitor’s messages', () => {
  it('open one conversation, append to it, and store a resend once', async () => {
    const first = await conversations.sendFromVisitor(visitor, { clientId: 'v-0000001', body: 'Hola' });
    expect(first).toMatchObject({
      ok: true,
      data: { event: { seq: 1, body: 'Hola', authorKind: 'visitor' }, conversation: { status: 'open', origin: 'visitor' } },
    });
    const id = first.ok ? first.data.conversation.id : '';
    const second = await conversations.sendFromVisitor(visitor, { clientId: 'v-0000002', body: 'Hi ha algú?' });
    expect(second.ok && [second.data.conversation.id, second.data.event.seq]).toEqual([id, 2]);
    const resend = await conversations.sendFromVisitor(visitor, { clientId: 'v-0000001', body: 'Hola' });
    expect(resend.ok && [resend.data.conversation.id, resend.data.event.seq]).toEqual([id, 1]);
    expect(await eventCount(id)).toBe(2);
    expect((await conversations.openForVisitor(siteId, visitor.visitorId))?.id).toBe(id);
    expect((await conversations.list(admin, 'queue')).ok && (await conversations.list(admin, 'queue'))).toMatchObject({ data: [{ id }] });
  });

  it('open a new conversation after the visitor closed the last one', async () => {
    const id = await opened();
    expect(await conversations.closeByVisitor(visitor, id)).toMatchObject({
      ok: true,
      data: { event: { type: 'status', status: 'closed', authorKind: 'visitor' }, conversation: { status: 'closed' } },
    });
    expect(await conversations.openForVisitor(siteId, visitor.visitorId)).toBeUndefined();
    const next = await opened();
    expect(next).not.toBe(id);
    expect((await conversations.conversationsOf(siteId, [visitor.visitorId], 10)).map((c) => c.id)).toEqual([next, id]);
  });

  it('are refused on a closed conversation by another visitor, and a second close', async () => {
    const id = await opened();
    const stranger = await newVisitor();
    expect(await conversations.closeByVisitor(stranger, id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await conversations.openForVisitor(siteId, visitor.visitorId))?.id).toBe(id);
    await conversations.closeByVisitor(visitor, id);
    const before = await eventCount(id);
    expect(await conversations.closeByVisitor(visitor, id)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await eventCount(id)).toBe(before);
  });
});

describe('an agent’s messages', () => {
  it('need the conversation taken: a queue reader is forbidden, a stranger finds nothing', async () => {
    const id = await opened();
    expect(await conversations.sendFromAgent(marta, { conversationId: id, clientId: 'a-0000001', body: 'Hola' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const otherSite = (await app.services.sites.create({ name: 'Other', allowedOrigins: [] })).id;
    const foreign = await opened(await newVisitor(otherSite));
    expect(await conversations.sendFromAgent(admin, { conversationId: foreign, clientId: 'a-0000002', body: 'Hola' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await conversations.sendFromAgent(marta, { conversationId: 'cnv_nothing', clientId: 'a-0000003', body: 'Hola' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await eventCount(id)).toBe(1);
    expect(await eventCount(foreign)).toBe(1);
  });

  it('are stored once per client id, and refused once the conversation is closed', async () => {
    const id = await opened();
    const taken = await app.services.routing.take(admin, id);
    expect(taken.ok).toBe(true);
    const sent = await conversations.sendFromAgent(admin, { conversationId: id, clientId: 'a-0000001', body: 'Bon dia' });
    expect(sent).toMatchObject({ ok: true, data: { event: { authorKind: 'agent', authorName: 'Admin', body: 'Bon dia' } } });
    const resend = await conversations.sendFromAgent(admin, { conversationId: id, clientId: 'a-0000001', body: 'Bon dia' });
    expect(resend.ok && sent.ok && resend.data.event.seq).toBe(sent.ok ? sent.data.event.seq : -1);
    const count = await eventCount(id);
    expect(await conversations.closeByAgent(admin, id)).toMatchObject({
      ok: true,
      data: { event: { authorKind: 'agent', status: 'closed' } },
    });
    expect(await conversations.sendFromAgent(admin, { conversationId: id, clientId: 'a-0000002', body: 'Encara?' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await eventCount(id)).toBe(count + 1);
  });

  it('close only what the agent may write in', async () => {
    const id = await opened();
    expect(await conversations.closeByAgent(marta, id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await conversations.openForVisitor(siteId, visitor.visitorId))?.status).toBe('open');
  });
});

describe('reading', () => {
  it('pages a long conversation, with hasMore while more remain', async () => {
    const id = await opened();
    await Promise.all(
      Array.from({ length: SYNC_PAGE_SIZE }, (_, i) =>
        conversations.sendFromVisitor(visitor, { clientId: `p-${String(i).padStart(6, '0')}`, body: `m${i}` }),
      ),
    );
    // SYNC_PAGE_SIZE + 1 messages in all.
    const first = await conversations.visitorPage(visitor, id, 0);
    expect(first.ok && [first.data.events.length, first.data.hasMore]).toEqual([SYNC_PAGE_SIZE, true]);
    const rest = await conversations.visitorPage(visitor, id, SYNC_PAGE_SIZE);
    expect(rest.ok && [rest.data.events.map((e) => e.seq), rest.data.hasMore]).toEqual([[SYNC_PAGE_SIZE + 1], false]);
    const agentFirst = await conversations.agentPage(admin, id, 0);
    expect(agentFirst.ok && [agentFirst.data.events.length, agentFirst.data.hasMore]).toEqual([SYNC_PAGE_SIZE, true]);
    const agentRest = await conversations.agentPage(admin, id, 1);
    expect(agentRest.ok && [agentRest.data.events.length, agentRest.data.hasMore]).toEqual([SYNC_PAGE_SIZE, false]);
  });

  it('reads nothing of another visitor’s or another site’s conversation', async () => {
    const id = await opened();
    expect(await conversations.visitorPage(await newVisitor(), id, 0)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const otherSite = (await app.services.sites.create({ name: 'Other', allowedOrigins: [] })).id;
    const stranger: AgentActor = { ...admin, siteId: otherSite };
    expect(await conversations.agentPage(stranger, id, 0)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await conversations.agentPage(marta, id, 0)).ok).toBe(true);
  });

  it('lists the inbox views by role', async () => {
    const queued = await opened();
    const mine = await opened(await newVisitor());
    await app.services.routing.take(marta, mine);
    const closed = await opened(await newVisitor());
    await app.services.routing.take(marta, closed);
    await conversations.closeByAgent(marta, closed);
    const ids = async (view: 'mine' | 'queue' | 'all' | 'closed', who: AgentActor) => {
      const listed = await conversations.list(who, view);
      return listed.ok ? listed.data.map((c) => c.id).sort() : listed.error.code;
    };
    expect(await ids('mine', marta)).toEqual([mine]);
    expect(await ids('queue', marta)).toEqual([queued]);
    expect(await ids('closed', marta)).toEqual([closed]);
    expect(await ids('all', marta)).toBe('forbidden');
    expect(await ids('all', admin)).toEqual([queued, mine].sort());
    expect(await ids('closed', admin)).toEqual([closed]);
    expect(await ids('mine', admin)).toEqual([]);
    // Narrowed to an active state, a view keeps open conversations only: a closed one is in none.
    const inState = async (view: 'mine' | 'closed', who: AgentActor) => {
      const listed = await conversations.list(who, view, 'open');
      return listed.ok ? listed.data.map((c) => c.id) : listed.error.code;
    };
    expect(await inState('mine', marta)).toEqual([mine]);
    expect(await inState('closed', admin)).toEqual([]);
    // Nobody was online, so each is a ticket, which weighs less than a live chat; the closed one weighs nothing.
    expect((await conversations.loads(siteId)).get(marta.agentId)).toBeGreaterThan(0);
    expect((await conversations.loads(siteId)).has(admin.agentId)).toBe(false);
    expect([...(await conversations.loads(siteId)).keys()]).toEqual([marta.agentId]);
  });

  it('shows a non-admin only the queue and the tickets of its departments', async () => {
    const sales = await app.services.departments.create(siteId, { slug: 'sales', name: 'Sales', routing: 'auto' });
    if (!sales.ok) throw new Error('no department');
    const general = await opened();
    const forSales = await conversations.sendFromVisitor(await newVisitor(), { clientId: 'v-0000009', body: 'Hola', department: 'sales' });
    const salesId = forSales.ok ? forSales.data.conversation.id : '';
    expect(forSales.ok && forSales.data.conversation.departmentId).toBe(sales.data.id);
    const queue = async (who: AgentActor) => {
      const listed = await conversations.list(who, 'queue');
      return listed.ok ? listed.data.map((c) => c.id).sort() : [];
    };
    expect(await queue(marta)).toEqual([general]);
    expect(await queue(admin)).toEqual([general, salesId].sort());

    // Once their visitors have left, both are tickets, shown to the same agents.
    await sqlOn(app.engine).run('UPDATE conversations SET visitor_left_at = 1');
    const tickets = async (who: AgentActor) => {
      const listed = await conversations.list(who, 'tickets');
      return listed.ok ? listed.data.map((c) => c.id).sort() : [];
    };
    expect(await tickets(marta)).toEqual([general]);
    expect(await tickets(admin)).toEqual([general, salesId].sort());
  });
});

describe('a visitor’s earlier conversations', () => {
  afterEach(() => vi.useRealTimers());

  it('are told only once one has ended, paged newest first with hasMore only while more remain', async () => {
    // Only the clock is fake: each conversation begins a minute after the last.
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.UTC(2026, 11, 1, 10);
    expect(await conversations.hasEarlier(visitor)).toBe(false);
    const ended: string[] = [];
    for (let i = 0; i <= EARLIER_PAGE_SIZE; i += 1) {
      vi.setSystemTime(start + i * 60_000);
      const id = await opened(visitor, `Pregunta ${i}`);
      expect((await conversations.closeByVisitor(visitor, id)).ok).toBe(true);
      ended.unshift(id);
      if (i === 0) expect(await conversations.hasEarlier(visitor)).toBe(true);
    }
    // Another visitor's ended chat is never theirs.
    const other = await newVisitor();
    await conversations.closeByVisitor(other, await opened(other));

    const page = async (before: number) => {
      const result = await conversations.earlierForVisitor(visitor, before);
      return result.ok ? { ids: result.data.conversations.map((c) => c.id), hasMore: result.data.hasMore } : null;
    };
    const now = start + 3_600_000;
    expect(await page(now)).toEqual({ ids: ended.slice(0, EARLIER_PAGE_SIZE), hasMore: true });
    // From the oldest of that page on: the one left, and no more.
    expect(await page(start + 60_000)).toEqual({ ids: ended.slice(EARLIER_PAGE_SIZE), hasMore: false });
    // Exactly a page's worth is not "more".
    expect(await page(start + EARLIER_PAGE_SIZE * 60_000)).toEqual({ ids: ended.slice(1), hasMore: false });
    expect(await conversations.hasEarlier(other)).toBe(true);
    expect(await conversations.hasEarlier(await newVisitor())).toBe(false);
  });
});

describe('typing', () => {
  it('is refused to an agent who may not write, and ignored for a visitor with no open conversation', async () => {
    const id = await opened();
    expect(await conversations.agentTyping(marta, id, true)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await conversations.agentTyping(admin, id, true)).toEqual({ ok: true, data: null });
    expect(await conversations.visitorTyping(await newVisitor(), true, 'x')).toEqual({ ok: true, data: null });
  });
});

describe('proactive chats', () => {
  it('open assigned to the agent with its message, and refuse a missing, foreign, gone or busy visitor', async () => {
    const here = { siteId, label: '#HERE1', online: true };
    const target = await newVisitor();
    const otherSite = (await app.services.sites.create({ name: 'Other', allowedOrigins: [] })).id;
    const start = (clientId: string, whereabouts: typeof here | null) =>
      conversations.startByAgent(marta, { visitorId: target.visitorId, clientId, body: 'Et puc ajudar?' }, whereabouts);
    expect(await start('s-0000001', null)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await start('s-0000002', { ...here, siteId: otherSite })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await start('s-0000003', { ...here, online: false })).toMatchObject({ ok: false, error: { code: 'visitor_offline' } });
    expect(await conversations.openForVisitor(siteId, target.visitorId)).toBeUndefined();

    const started = await start('s-0000004', here);
    expect(started).toMatchObject({
      ok: true,
      data: { event: { body: 'Et puc ajudar?', authorName: 'Marta' }, conversation: { origin: 'agent', assigneeId: marta.agentId } },
    });
    const id = started.ok ? started.data.conversation.id : '';
    expect(await start('s-0000005', here)).toMatchObject({ ok: false, error: { code: 'already_chatting' } });
    const resend = await start('s-0000004', here);
    expect(resend.ok && [resend.data.conversation.id, resend.data.event.seq]).toEqual([id, started.ok ? started.data.event.seq : -1]);
    const page = await conversations.agentPage(marta, id, 0);
    expect(page.ok && page.data.events.map((e) => e.type)).toEqual(['joined', 'message']);
  });
});
