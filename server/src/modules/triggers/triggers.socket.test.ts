import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  visitorCommandSchemas,
  type ConversationEvent,
  type SessionEstablished,
  type TriggerFired,
  type TriggerReportBody,
} from '@mostrador/shared';
import { io } from 'socket.io-client';
import { SOCKET_PATH, VISITOR_NAMESPACE } from '@mostrador/shared/limits';
import {
  agentCommand,
  SHOP_ORIGIN,
  connectAgentAs,
  connectVisitor,
  connected,
  nextFact,
  startTestServer,
  visitorCommand,
  sqlOn,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { invitedOn, inviteOnFirstPage, viewPage } from '../../testing/invitations.ts';

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

const onFirstPage = (action: Parameters<typeof inviteOnFirstPage>[2] = {}) => inviteOnFirstPage(server, siteId, action);

/** Firings the server stored for the rule, as the report's tables hold them. */
const firings = (ruleId: string) =>
  sqlOn(server.app.engine).all<{ firingId: string; outcome: string; visitorId: string }>(
    'SELECT firing_id AS "firingId", outcome, visitor_id AS "visitorId" FROM trigger_firings WHERE rule_id = ? ORDER BY id',
    ruleId,
  );

function report(): Promise<TriggerReportBody> {
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
  it('starts a site with the two default rules switched off; an enabled one is evaluated here, never sent to the page', async () => {
    const rules = server.app.services.triggers.list(siteId);
    expect(rules.map((r) => [r.enabled, r.conditions.map((c) => c.type)])).toEqual([
      [false, ['product_page', 'time_on_page']],
      [false, ['cart_items', 'exit_intent']],
    ]);
    const { session: quiet, socket: quietSocket } = await visitorSession();
    expect(quiet.site.triggers).toEqual([]);
    expect(quiet.site.watch).toEqual({ idleAfter: null, exitIntent: false, events: [] });

    const told = nextFact<VisitorSocket, { watch: unknown }>(quietSocket, 'triggers:changed');
    await server.app.services.triggers.update(siteId, rules[1]!.id, { enabled: true });
    // An open tab hears what the edited rules read.
    expect(await told).toEqual({ watch: { idleAfter: null, exitIntent: true, events: [] } });
    const { socket, session } = await visitorSession();
    expect(session.site.triggers).toEqual([]);
    // The widget is told to report exit intent, which this rule reads.
    expect(session.site.watch).toEqual({ idleAfter: null, exitIntent: true, events: [] });
    expect(session.visit).toMatchObject({ pagesViewed: 0, returning: false });

    await viewPage(socket, '/cart');
    await visitorCommand(socket, 'cart:updated', cart('browsing'));
    const fired = nextFact<VisitorSocket, TriggerFired>(socket, 'trigger:fired');
    expect(await visitorCommand(socket, 'trigger:signal', { type: 'exit_intent' })).toEqual({ ok: true, data: null });
    const offer = await fired;
    expect(offer).toEqual({
      firingId: expect.stringMatching(/^fir_/),
      kind: 'teaser',
      message: 'Before you go: can we help you finish your order?',
      senderName: null,
    });
    // Stored once the widget says it showed it, before the answer: a reply may name it next.
    expect(await firings(rules[1]!.id)).toEqual([]);
    expect(await visitorCommand(socket, 'trigger:shown', { firingId: offer.firingId })).toEqual({ ok: true, data: null });
    expect((await firings(rules[1]!.id)).map((f) => f.outcome)).toEqual(['fired']);
    expect(await visitorCommand(socket, 'trigger:shown', { firingId: offer.firingId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('invites no widget from before the server evaluated the rules: it would not show the invitation', async () => {
    const ruleId = await onFirstPage();
    // The old handshake: no `triggers: 'server'`.
    const old = io(`${server.url}${VISITOR_NAMESPACE}`, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      extraHeaders: { origin: SHOP_ORIGIN },
      auth: { siteKey: server.siteKey },
      forceNew: true,
    }) as unknown as VisitorSocket;
    sockets.push(old);
    const session = nextFact<VisitorSocket, SessionEstablished>(old, 'session:established');
    await connected(old);
    expect((await session).site).toMatchObject({ triggers: [] });
    expect((await session).site.watch).toBeUndefined();
    let invited = 0;
    old.on('trigger:fired' as never, () => void (invited += 1));
    await viewPage(old, '/');
    // A current widget on the same page is invited at once; the old one never was, and nothing was stored for it.
    const current = await visitorSession();
    await invitedOn(current.socket, '/');
    expect(invited).toBe(0);
    expect((await firings(ruleId)).map((f) => f.visitorId)).toEqual([current.session.visitorId]);
  });

  it('tells widgets whether an agent could answer, and when that changes', async () => {
    const { socket, session } = await visitorSession();
    expect(session.site.onlineAgents).toEqual({ any: false, departments: [] });
    const changed = nextFact<VisitorSocket, { onlineAgents: { any: boolean } }>(socket, 'agents:changed');
    await agent();
    expect((await changed).onlineAgents.any).toBe(true);
  });

  it('evaluates a rule on the cart when the cart changes, with no new page', async () => {
    const [rule] = server.app.services.triggers.list(siteId);
    const updated = await server.app.services.triggers.update(siteId, rule!.id, {
      enabled: true,
      conditions: [{ type: 'cart_value', op: 'gte', amount: 100, currency: 'EUR', negate: false }],
      action: { kind: 'teaser', message: 'Enviament gratuït per sobre de 100 €', agentId: null, departmentId: null, tags: [] },
    });
    if (!updated.ok) throw new Error(updated.error.message);
    const { socket } = await visitorSession();
    let offers = 0;
    socket.on('trigger:fired', () => void (offers += 1));
    await viewPage(socket, '/bosses');
    const fired = nextFact<VisitorSocket, TriggerFired>(socket, 'trigger:fired');
    // The page's own report came first and held nothing: the cart's report is what qualifies.
    expect(offers).toBe(0);
    expect(await visitorCommand(socket, 'cart:updated', cart('browsing'))).toEqual({ ok: true, data: null });
    expect(await fired).toMatchObject({ kind: 'teaser', message: 'Enviament gratuït per sobre de 100 €' });
  });
});

describe('firing and conversion records', () => {
  it('follows an invitation from firing to reply, chat and checkout, against the held-back group', async () => {
    const ruleId = await onFirstPage();
    const marta = await agent();

    // One visitor gets the invitation, opens the teaser, and replies.
    const invited = await visitorSession();
    const { firingId } = await invitedOn(invited.socket, '/p/jersei');
    await visitorCommand(invited.socket, 'trigger:opened', { firingId });
    const created = nextFact<AgentSocket, { conversation: { id: string; origin: string; tags: string[] } }>(marta, 'conversation:created');
    const reply = await visitorCommand(invited.socket, 'message:send', {
      clientId: 'reply-00001',
      body: 'Sí, la L em va bé?',
      trigger: firingId,
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

    // Another visitor is invited on a first page and not again on the next two: the cap held the rule
    // back, counted once per visit.
    const held = await visitorSession();
    await invitedOn(held.socket, '/');
    await viewPage(held.socket, '/p/gorra');
    await viewPage(held.socket, '/p/bufanda');

    await expect
      .poll(async () => (await report()).rows.find((r) => r.ruleId === ruleId))
      .toEqual({
        ruleId,
        fired: 2,
        opened: 1,
        replied: 1,
        chats: 1,
        checkouts: 1,
        purchases: 0,
        heldBack: 1,
        heldBackCheckouts: 0,
        // The reports' conversions for the same chat: one visitor, who reached checkout and has not bought (yet).
        conversions: { visitors: 1, checkouts: 1, converted: 0, purchases: 0, revenue: [], conversionRate: 0 },
      });
  });

  it('counts an invitation opened with no reply, and one the widget declined as never shown', async () => {
    const ruleId = await onFirstPage();
    const opener = await visitorSession();
    const { firingId } = await invitedOn(opener.socket, '/p/jersei');
    expect(await visitorCommand(opener.socket, 'trigger:opened', { firingId })).toEqual({ ok: true, data: null });

    // The shopper was typing when it came: the widget declines it, once.
    const typing = await visitorSession();
    const offered = nextFact<VisitorSocket, TriggerFired>(typing.socket, 'trigger:fired');
    await viewPage(typing.socket, '/p/gorra');
    const declined = (await offered).firingId;
    expect(await visitorCommand(typing.socket, 'trigger:declined', { firingId: declined })).toEqual({ ok: true, data: null });
    const again = await visitorCommand(typing.socket, 'trigger:declined', { firingId: declined });
    expect(again.ok ? null : again.error.code).toBe('not_found');

    await expect
      .poll(async () => (await report()).rows.find((r) => r.ruleId === ruleId))
      .toMatchObject({ ruleId, fired: 1, opened: 1, replied: 0, chats: 0 });
    expect((await firings(ruleId)).map((f) => f.firingId)).toEqual([firingId]);
  });

  it('does not take a held-back firing for an invitation: a reply naming it opens a plain conversation', async () => {
    const ruleId = await onFirstPage({ message: 'Shown once', tags: ['held'] });
    const marta = await agent();
    const { socket } = await visitorSession();
    await invitedOn(socket, '/');
    await viewPage(socket, '/p/jersei');
    await expect.poll(async () => (await firings(ruleId)).map((f) => f.outcome)).toEqual(['fired', 'held_back']);
    // The widget never learns a held-back firing's id; one that guessed it gets nothing from it.
    const heldId = (await firings(ruleId))[1]!.firingId;

    const sent = await visitorCommand(socket, 'message:send', { clientId: 'after-held-1', body: 'Hola', trigger: heldId });
    expect(sent).toMatchObject({ ok: true, data: { event: { seq: 1, body: 'Hola' }, conversation: { origin: 'visitor' } } });
    const conversationId = sent.ok ? sent.data.conversation.id : '';
    const page = await agentCommand(marta, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(page.ok && page.data.conversation.tags).toEqual([]);
    expect(page.ok && page.data.events.flatMap((e) => (e.type === 'message' ? [e.body] : []))).toEqual(['Hola']);
    await expect
      .poll(async () => (await report()).rows.find((r) => r.ruleId === ruleId))
      .toMatchObject({ fired: 1, replied: 0, chats: 0, heldBack: 1 });
  });

  it('opens the answered invitation’s conversation in the rule’s department, whatever the widget chose', async () => {
    const sales = await server.app.services.departments.create(siteId, { slug: 'vendes', name: 'Vendes', routing: 'auto' });
    const returns = await server.app.services.departments.create(siteId, { slug: 'retorns', name: 'Retorns', routing: 'auto' });
    if (!sales.ok || !returns.ok) throw new Error('departments');
    await onFirstPage({ message: 'Busques la teva talla?', departmentId: sales.data.id, tags: [] });
    const { socket } = await visitorSession();
    const { firingId } = await invitedOn(socket, '/');
    const sent = await visitorCommand(socket, 'message:send', {
      clientId: 'dept-reply-1',
      body: 'Sí',
      trigger: firingId,
      department: 'retorns',
    });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.conversation.origin).toBe('trigger');
    const row = await sqlOn(server.app.engine).get(
      'SELECT department_id AS "departmentId" FROM conversations WHERE id = ?',
      sent.data.conversation.id,
    );
    expect(row).toEqual({ departmentId: sales.data.id });
  });

  it('takes no reply for an invitation another visitor was shown, nor for a made-up one: both open plain conversations', async () => {
    await onFirstPage();
    const other = await visitorSession();
    const { firingId } = await invitedOn(other.socket, '/');
    const { socket } = await visitorSession();
    for (const [clientId, trigger] of [
      ['plain-00001', firingId],
      ['plain-00002', 'fire-000009'],
    ] as const) {
      const sent = await visitorCommand(socket, 'message:send', { clientId, body: 'Hola', trigger });
      expect(sent.ok && sent.data.conversation.origin).toBe('visitor');
      if (sent.ok) await visitorCommand(socket, 'conversation:close', { conversationId: sent.data.conversation.id });
    }
  });

  it('refuses the report command widgets used to send: firings come from the server alone', async () => {
    const ruleId = await onFirstPage();
    const { socket } = await visitorSession();
    expect(Object.keys(visitorCommandSchemas)).not.toContain('trigger:reported');
    (socket.emit as (event: string, payload: unknown, ack: () => void) => void)(
      'trigger:reported',
      { ruleId, firingId: 'fire-forged1', outcome: 'fired' },
      () => {},
    );
    // A message after it is stored after anything the report could have stored (one writer, in order).
    const marker = await visitorCommand(socket, 'message:send', { clientId: 'marker-0001', body: 'Hola', trigger: 'fire-forged1' });
    expect(marker.ok && marker.data.conversation.origin).toBe('visitor');
    expect(await firings(ruleId)).toEqual([]);
  });
});
