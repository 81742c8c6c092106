import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEvent, SessionEstablished, TriggerReportBody } from '@mostrador/shared';
import {
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
} from '../../testing/harness.ts';

let server: TestServer;
let siteId: string;
const sockets: Array<VisitorSocket | AgentSocket> = [];

async function visitorSession() {
  const socket = connectVisitor(server.url, { siteKey: server.siteKey });
  sockets.push(socket);
  const session = nextFact<VisitorSocket, SessionEstablished>(socket, 'session:established');
  await connected(socket);
  return { socket, session: await session };
}

async function agent() {
  const socket = await connectAgentAs(server, server.agentEmail);
  sockets.push(socket);
  return socket;
}

const cart = (stage: 'browsing' | 'checkout' | 'purchase') => ({
  cart: { items: [{ sku: 'BAG', name: 'Motxilla', qty: 1, price: 119, url: null, image: null }], total: 119, currency: 'EUR' },
  stage,
  source: 'datalayer' as const,
});

function report(): TriggerReportBody {
  return server.app.services.triggers.report(siteId, 30);
}

beforeEach(async () => {
  server = await startTestServer();
  siteId = server.app.services.sites.byKey(server.siteKey)!.id;
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

describe('triggers in the widget session', () => {
  it('starts a site with the two default rules switched off, and gives the widget only enabled ones', async () => {
    const rules = server.app.services.triggers.list(siteId);
    expect(rules.map((r) => [r.enabled, r.conditions.map((c) => c.type)])).toEqual([
      [false, ['product_page', 'time_on_page']],
      [false, ['cart_items', 'exit_intent']],
    ]);
    expect((await visitorSession()).session.site.triggers).toEqual([]);

    server.app.services.triggers.update(siteId, rules[1]!.id, { enabled: true });
    const { session } = await visitorSession();
    expect(session.site.triggers.map((t) => t.id)).toEqual([rules[1]!.id]);
    expect(session.site.triggers[0]!.action).toEqual({
      kind: 'teaser',
      message: 'Before you go: can we help you finish your order?',
      senderName: null,
      departmentId: null,
    });
    expect(session.visit).toMatchObject({ pagesViewed: 0, returning: false });
  });

  it('tells widgets whether an agent could answer, and when that changes', async () => {
    const { socket, session } = await visitorSession();
    expect(session.site.onlineAgents).toEqual({ any: false, departments: [] });
    const changed = nextFact<VisitorSocket, { onlineAgents: { any: boolean } }>(socket, 'agents:changed');
    await agent();
    expect((await changed).onlineAgents.any).toBe(true);
  });
});

describe('firing and conversion records', () => {
  it('follows an invitation from firing to reply, chat and checkout, against the held-back group', async () => {
    const [rule] = server.app.services.triggers.list(siteId);
    server.app.services.triggers.update(siteId, rule!.id, {
      enabled: true,
      action: { kind: 'teaser', message: 'Et puc ajudar amb la talla?', agentId: null, departmentId: null, tags: ['talla'] },
    });
    const marta = await agent();

    // One visitor gets the invitation, opens the teaser, and replies.
    const invited = await visitorSession();
    const fired = { ruleId: rule!.id, firingId: 'fire-000001', outcome: 'fired' as const };
    expect(await visitorCommand(invited.socket, 'trigger:reported', fired)).toEqual({ ok: true, data: null });
    expect(await visitorCommand(invited.socket, 'trigger:reported', fired)).toEqual({ ok: true, data: null });
    await visitorCommand(invited.socket, 'trigger:opened', { firingId: 'fire-000001' });
    const created = nextFact<AgentSocket, { conversation: { id: string; origin: string; tags: string[] } }>(marta, 'conversation:created');
    const reply = await visitorCommand(invited.socket, 'message:send', {
      clientId: 'reply-00001',
      body: 'Sí, la L em va bé?',
      trigger: 'fire-000001',
    });
    expect(reply.ok).toBe(true);
    const { conversation } = await created;
    expect(conversation).toMatchObject({ origin: 'trigger', tags: ['talla'] });

    // The conversation starts with the invitation, written as the shop, then the reply.
    const page = await agentCommand(marta, 'conversation:sync', { conversationId: conversation.id, afterSeq: 0 });
    const messages = page.ok
      ? page.data.events.filter((e): e is Extract<ConversationEvent, { type: 'message' }> => e.type === 'message')
      : [];
    expect(messages.map((m) => [m.author.kind, m.author.name, m.body])).toEqual([
      ['agent', 'Test shop', 'Et puc ajudar amb la talla?'],
      ['visitor', expect.any(String), 'Sí, la L em va bé?'],
    ]);
    // The visitor's own history shows the invitation they answered, above their reply.
    const own = await visitorCommand(invited.socket, 'conversation:sync', { conversationId: conversation.id, afterSeq: 0 });
    expect(own.ok && own.data.events.flatMap((e) => (e.type === 'message' ? [e.body] : []))).toEqual([
      'Et puc ajudar amb la talla?',
      'Sí, la L em va bé?',
    ]);

    // The agent answers: it became a chat. Then the visitor reaches checkout.
    await agentCommand(marta, 'message:send', { conversationId: conversation.id, clientId: 'answer-0001', body: 'Sí, et va bé.' });
    await visitorCommand(invited.socket, 'cart:updated', cart('browsing'));
    await visitorCommand(invited.socket, 'cart:updated', cart('checkout'));

    // Another visitor qualified, but the cap held the rule back: counted once per visit.
    const held = await visitorSession();
    for (const firingId of ['held-000001', 'held-000002']) {
      await visitorCommand(held.socket, 'trigger:reported', { ruleId: rule!.id, firingId, outcome: 'held_back' });
    }

    await expect
      .poll(() => report().rows.find((r) => r.ruleId === rule!.id))
      .toEqual({
        ruleId: rule!.id,
        fired: 1,
        opened: 1,
        replied: 1,
        chats: 1,
        checkouts: 1,
        purchases: 0,
        heldBack: 1,
        heldBackCheckouts: 0,
      });
  });

  it('does not take a held-back firing for an invitation: a reply naming it opens a plain conversation', async () => {
    const [rule] = server.app.services.triggers.list(siteId);
    server.app.services.triggers.update(siteId, rule!.id, {
      enabled: true,
      action: { kind: 'teaser', message: 'Never shown', agentId: null, departmentId: null, tags: ['held'] },
    });
    const marta = await agent();
    const { socket } = await visitorSession();
    const held = await visitorCommand(socket, 'trigger:reported', { ruleId: rule!.id, firingId: 'held-000009', outcome: 'held_back' });
    expect(held).toEqual({ ok: true, data: null });

    const sent = await visitorCommand(socket, 'message:send', { clientId: 'after-held-1', body: 'Hola', trigger: 'held-000009' });
    expect(sent).toMatchObject({ ok: true, data: { event: { seq: 1, body: 'Hola' }, conversation: { origin: 'visitor' } } });
    const conversationId = sent.ok ? sent.data.conversation.id : '';
    const page = await agentCommand(marta, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(page.ok && page.data.conversation.tags).toEqual([]);
    expect(page.ok && page.data.events.flatMap((e) => (e.type === 'message' ? [e.body] : []))).toEqual(['Hola']);
    await expect
      .poll(() => report().rows.find((r) => r.ruleId === rule!.id))
      .toMatchObject({ fired: 0, replied: 0, chats: 0, heldBack: 1 });
  });

  it('opens the answered invitation’s conversation in the rule’s department, whatever the widget chose', async () => {
    const sales = server.app.services.departments.create(siteId, { slug: 'vendes', name: 'Vendes', routing: 'auto' });
    const returns = server.app.services.departments.create(siteId, { slug: 'retorns', name: 'Retorns', routing: 'auto' });
    if (!sales.ok || !returns.ok) throw new Error('departments');
    const [rule] = server.app.services.triggers.list(siteId);
    server.app.services.triggers.update(siteId, rule!.id, {
      enabled: true,
      action: { kind: 'teaser', message: 'Busques la teva talla?', agentId: null, departmentId: sales.data.id, tags: [] },
    });
    const { socket } = await visitorSession();
    await visitorCommand(socket, 'trigger:reported', { ruleId: rule!.id, firingId: 'fire-dept01', outcome: 'fired' });
    const sent = await visitorCommand(socket, 'message:send', {
      clientId: 'dept-reply-1',
      body: 'Sí',
      trigger: 'fire-dept01',
      department: 'retorns',
    });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.conversation.origin).toBe('trigger');
    const row = server.app.sqlite
      .prepare('SELECT department_id AS departmentId FROM conversations WHERE id = ?')
      .get(sent.data.conversation.id);
    expect(row).toEqual({ departmentId: sales.data.id });
  });

  it('refuses reports about another site’s rule, and a reply naming an unknown firing opens a plain conversation', async () => {
    const other = server.app.services.sites.create({ name: 'Other', allowedOrigins: [] });
    const [foreign] = server.app.services.triggers.list(other.id);
    const { socket } = await visitorSession();
    const refused = await visitorCommand(socket, 'trigger:reported', { ruleId: foreign!.id, firingId: 'fire-000009', outcome: 'fired' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const sent = await visitorCommand(socket, 'message:send', { clientId: 'plain-00001', body: 'Hola', trigger: 'fire-000009' });
    expect(sent.ok && sent.data.conversation.origin).toBe('visitor');
  });
});
