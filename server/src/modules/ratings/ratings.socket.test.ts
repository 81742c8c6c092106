import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationRated, LowRating, SessionEstablished, VisitorSyncPage } from '@mostrador/shared';
import {
  addAgent,
  agentCommand,
  connectAgentAs,
  connectVisitorSession,
  nextFact,
  startTestServer,
  visitorCommand,
  json,
  sqlOn,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';

let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

const siteId = () => server.app.services.sites.byKey(server.siteKey)!.id;

/**
 * What is stored of the conversation's ratings: every one in its table, and
 * the latest on the conversation's row, which the console's summaries show.
 */
async function storedRatings(conversationId: string) {
  const sql = sqlOn(server.app.engine);
  return {
    count: await sql.value<number>('SELECT count(*) FROM conversation_ratings WHERE conversation_id = ?', conversationId),
    onRow: json(await sql.value('SELECT rating FROM conversations WHERE id = ?', conversationId)),
  };
}

async function shopper() {
  const session = await connectVisitorSession(server);
  sockets.push(session.socket);
  return session;
}

/** A shopper's chat with one message; `close` ends it from the widget. */
async function chat(socket: VisitorSocket, body: string, clientId: string) {
  const sent = await visitorCommand(socket, 'message:send', { clientId, body });
  if (!sent.ok) throw new Error(sent.error.message);
  const conversationId = sent.data.conversation.id;
  return {
    conversationId,
    close: async () => expect((await visitorCommand(socket, 'conversation:close', { conversationId })).ok).toBe(true),
  };
}

describe('rating an ended chat', () => {
  it('takes the shopper’s rating of their own closed conversation once, refusing an open one, and tells the agent', async () => {
    const agent = await connectAgentAs(server, server.agentEmail);
    sockets.push(agent);
    const { socket } = await shopper();
    const { conversationId, close } = await chat(socket, 'Hola, on és la meva comanda?', 'rate-own-01');

    const early = await visitorCommand(socket, 'rating:submit', { conversationId, score: 5 });
    expect(early.ok ? null : early.error.code).toBe('conflict');
    expect(await storedRatings(conversationId)).toEqual({ count: 0, onRow: null });

    await close();
    const told = nextFact<AgentSocket, ConversationRated>(agent, 'conversation:rated');
    const rated = await visitorCommand(socket, 'rating:submit', { conversationId, score: 4, comment: '  Molt amables  ' });
    expect(rated).toMatchObject({ ok: true, data: { score: 4, comment: 'Molt amables' } });
    const fact = await told;
    expect(fact.rating).toMatchObject({ score: 4, comment: 'Molt amables' });
    expect(fact.conversation).toMatchObject({ id: conversationId, status: 'closed', rating: { score: 4, comment: 'Molt amables' } });

    const twice = await visitorCommand(socket, 'rating:submit', { conversationId, score: 1 });
    expect(twice.ok ? null : twice.error.code).toBe('conflict');
    expect(await storedRatings(conversationId)).toMatchObject({ count: 1, onRow: { score: 4, comment: 'Molt amables' } });

    // The console's list and the customer's history carry it.
    const list = await agentCommand(agent, 'conversation:list', { view: 'closed' });
    expect(list.ok && list.data.conversations.find((c) => c.id === conversationId)?.rating).toMatchObject({ score: 4 });
  });

  it('answers another shopper’s conversation exactly like a missing one, and stores nothing', async () => {
    const owner = await shopper();
    const { conversationId, close } = await chat(owner.socket, 'Hola', 'rate-foreign1');
    await close();
    const stranger = await shopper();

    const foreign = await visitorCommand(stranger.socket, 'rating:submit', { conversationId, score: 1, comment: 'not mine' });
    const missing = await visitorCommand(stranger.socket, 'rating:submit', { conversationId: 'cnv_nobodyhasthisid00', score: 1 });
    expect(foreign).toEqual(missing);
    expect(foreign.ok ? null : foreign.error.code).toBe('not_found');
    expect(await storedRatings(conversationId)).toEqual({ count: 0, onRow: null });
    // The owner may still rate it.
    expect((await visitorCommand(owner.socket, 'rating:submit', { conversationId, score: 3 })).ok).toBe(true);
  });

  it('tells the site’s admins at once of a low rating, and not of a good one', async () => {
    await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
    const admin = await connectAgentAs(server, 'boss@shop.example');
    sockets.push(admin);
    const lows: LowRating[] = [];
    admin.on('rating:low', (low: LowRating) => lows.push(low));
    const { socket } = await shopper();

    const good = await chat(socket, 'Primer xat', 'rate-low-0001');
    await good.close();
    expect((await visitorCommand(socket, 'rating:submit', { conversationId: good.conversationId, score: 4 })).ok).toBe(true);
    const bad = await chat(socket, 'Segon xat', 'rate-low-0002');
    await bad.close();
    const alert = nextFact<AgentSocket, LowRating>(admin, 'rating:low');
    expect(
      (await visitorCommand(socket, 'rating:submit', { conversationId: bad.conversationId, score: 1, comment: 'Ningú no em va respondre' }))
        .ok,
    ).toBe(true);
    // The low one is the first alert: the good rating before it told admins nothing.
    expect(await alert).toMatchObject({ conversationId: bad.conversationId, rating: { score: 1, comment: 'Ningú no em va respondre' } });
    expect(lows.map((l) => l.conversationId)).toEqual([bad.conversationId]);
  });

  it('refuses a rating when the shop turned ratings off, and says so in the session', async () => {
    await server.app.services.sites.update(siteId(), { ratingEnabled: false });
    const { socket, ...session } = (await shopper()) as Awaited<ReturnType<typeof shopper>> & SessionEstablished;
    expect(session.site.feedback).toEqual({ rating: false, nps: false });
    const { conversationId, close } = await chat(socket, 'Hola', 'rate-off-0001');
    await close();
    const refused = await visitorCommand(socket, 'rating:submit', { conversationId, score: 5 });
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    expect(await storedRatings(conversationId)).toEqual({ count: 0, onRow: null });
  });
});

describe('one thread per shopper', () => {
  it('lists the shopper’s own ended conversations, newest first, whose messages come without notes', async () => {
    const agent = await connectAgentAs(server, server.agentEmail);
    sockets.push(agent);
    const { socket } = await shopper();
    const first = await chat(socket, 'La primera pregunta', 'thread-00001');
    const note = await agentCommand(agent, 'note:add', {
      conversationId: first.conversationId,
      clientId: 'note-thread-1',
      body: 'Internal: VIP',
    });
    expect(note.ok).toBe(true);
    await first.close();
    const second = await chat(socket, 'La segona pregunta', 'thread-00002');
    const other = await shopper();
    const foreign = await chat(other.socket, 'Pregunta d’un altre', 'thread-00003');
    await foreign.close();

    const earlier = await visitorCommand(socket, 'conversation:earlier', {});
    if (!earlier.ok) throw new Error(earlier.error.message);
    // Only the ended one of this shopper: not the open one, not another shopper's.
    expect(earlier.data.conversations.map((c) => c.id)).toEqual([first.conversationId]);
    expect(earlier.data.hasMore).toBe(false);
    expect(second.conversationId).not.toBe(first.conversationId);

    const page = await visitorCommand(socket, 'conversation:sync', { conversationId: first.conversationId, afterSeq: 0 });
    if (!page.ok) throw new Error(page.error.message);
    const bodies = (page.data as VisitorSyncPage).events.flatMap((e) => (e.type === 'message' ? [e.body] : []));
    expect(bodies).toEqual(['La primera pregunta']);
    expect(JSON.stringify(page.data)).not.toContain('VIP');

    const foreignPage = await visitorCommand(socket, 'conversation:sync', { conversationId: foreign.conversationId, afterSeq: 0 });
    expect(foreignPage.ok ? null : foreignPage.error.code).toBe('not_found');
  });
});

describe('the NPS question', () => {
  it('is off by default; once on, takes one answer and refuses another within 90 days', async () => {
    const { socket } = await shopper();
    const off = await visitorCommand(socket, 'nps:submit', { score: 9 });
    expect(off.ok ? null : off.error.code).toBe('forbidden');

    await server.app.services.sites.update(siteId(), { npsEnabled: true });
    const fresh = (await shopper()) as Awaited<ReturnType<typeof shopper>> & SessionEstablished;
    expect(fresh.site.feedback).toEqual({ rating: true, nps: true });
    expect(await visitorCommand(fresh.socket, 'nps:submit', { score: 10 })).toMatchObject({ ok: true, data: { score: 10 } });
    const again = await visitorCommand(fresh.socket, 'nps:submit', { score: 0 });
    expect(again.ok ? null : again.error.code).toBe('conflict');
    expect(await server.app.services.ratings.npsReport(siteId())).toEqual({
      responses: 1,
      promoters: 1,
      passives: 0,
      detractors: 0,
      nps: 100,
    });
  });
});
