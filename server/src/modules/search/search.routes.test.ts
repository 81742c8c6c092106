import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchResults } from '@mostrador/shared';
import {
  addAgent,
  agentCommand,
  connectAgentAs,
  connectVisitorSession,
  login,
  startTestServer,
  visitorCommand,
  AGENT_PASSWORD,
  SHOP_ORIGIN,
  sqlOn,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';

let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];
let cookie: string;

beforeEach(async () => {
  // Each test writes a history from one visitor in one go, faster than a shopper's message budget allows.
  server = await startTestServer({ limits: { visitorMessages: { burst: 100, perSecond: 100 } } });
  await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
  cookie = await login(server.url, 'boss@shop.example', AGENT_PASSWORD);
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

async function conversationSaying(...bodies: string[]): Promise<string> {
  const visitor = await connectVisitorSession(server);
  sockets.push(visitor.socket);
  let id = '';
  for (const [i, body] of bodies.entries()) {
    const sent = await visitorCommand(visitor.socket, 'message:send', {
      clientId: `msg-${Math.random().toString(36).slice(2, 10)}-${i}`,
      body,
    });
    if (!sent.ok) throw new Error(sent.error.message);
    id = sent.data.conversation.id;
  }
  return id;
}

async function connectVisitorSessionOf(siteKey: string) {
  const session = await connectVisitorSession({ ...server, siteKey });
  sockets.push(session.socket);
  return session;
}

async function search(query: string, as = cookie): Promise<SearchResults> {
  const res = await fetch(`${server.url}/api/search?${new URLSearchParams({ q: query })}`, { headers: { cookie: as } });
  expect(res.status).toBe(200);
  return (await res.json()) as SearchResults;
}

describe('search', () => {
  it('finds "devolució" and "tarjeta" from accent-less, misspelt words, the right conversation first, with highlights', async () => {
    const refund = await conversationSaying('Hola!', 'Vull la devolució de la jaqueta que vaig pagar amb tarjeta');
    await conversationSaying('Quan arriba la meva comanda?');
    await conversationSaying('Tinc una pregunta sobre la devolució');

    const found = await search('devolucio tarjta');
    expect(found.alsoSearched).toEqual(['tarjeta']);
    expect(found.hits.map((h) => h.conversationId)).toEqual([refund]);
    const accentless = await search('devolucio');
    expect(accentless.hits).toHaveLength(2);
    expect(accentless.order).toBe('relevance');
    // A word being typed: its start finds it.
    expect((await search('devoluc')).hits).toHaveLength(2);
    expect(accentless.hits[0]!.snippet).toContain(`${HIGHLIGHT_START}devolució${HIGHLIGHT_END}`);
  });

  it('indexes notes for agents, in the same commit as the note, and shows an agent only what they may see', async () => {
    const marta = await connectAgentAs(server, server.agentEmail);
    sockets.push(marta);
    const id = await conversationSaying('On és el paquet?');
    const note = await agentCommand(marta, 'note:add', {
      conversationId: id,
      clientId: 'note-search-1',
      body: 'Transportista: Seur, incidència oberta',
    });
    expect(note.ok).toBe(true);
    expect((await search('incidencia')).hits).toMatchObject([{ conversationId: id, kind: 'note', authorName: 'Marta' }]);

    // Pau is in no department and the chat is Marta's: he finds nothing of it.
    await addAgent(server, { email: 'pau@shop.example', name: 'Pau' });
    expect((await search('incidencia', await login(server.url, 'pau@shop.example', AGENT_PASSWORD))).hits).toEqual([]);
  });

  it('filters by status and tag, and pages on with no limit on how far back', async () => {
    const marta = await connectAgentAs(server, server.agentEmail);
    sockets.push(marta);
    const bodies = Array.from({ length: 25 }, (_, i) => `talla ${i}`);
    const id = await conversationSaying(...bodies);
    const first = await search('talla');
    expect(first.hits).toHaveLength(20);
    expect(first.nextOffset).toBe(20);
    const res = await fetch(`${server.url}/api/search?q=talla&offset=20`, { headers: { cookie } });
    expect(((await res.json()) as SearchResults).hits).toHaveLength(5);

    await agentCommand(marta, 'conversation:tag', { conversationId: id, add: ['mides'] });
    const tagged = await fetch(`${server.url}/api/search?q=talla&tag=mides&status=closed`, { headers: { cookie } });
    expect(((await tagged.json()) as SearchResults).hits).toEqual([]);
    const open = await fetch(`${server.url}/api/search?q=talla&tag=mides&status=open&offset=0`, { headers: { cookie } });
    expect(((await open.json()) as SearchResults).hits).toHaveLength(20);
  });

  it('forgets a message when its event is deleted (privacy erase), through the delete trigger', async () => {
    const id = await conversationSaying('El meu telèfon és secret');
    expect((await search('telefon')).hits).toHaveLength(1);
    await sqlOn(server.app.engine).run('DELETE FROM conversation_events WHERE conversation_id = ?', id);
    expect((await search('telefon')).hits).toEqual([]);
  });

  it('names close spellings only when they found something in this site: another shop’s words never show', async () => {
    const other = await server.app.services.sites.create({ name: 'Other shop', allowedOrigins: [SHOP_ORIGIN] });
    const otherVisitor = connectVisitorSessionOf(other.key);
    const said = await visitorCommand((await otherVisitor).socket, 'message:send', {
      clientId: 'other-shop-1',
      body: 'Sóc la senyora Garriga',
    });
    expect(said.ok).toBe(true);
    await conversationSaying('Hola, una pregunta');

    // "garrigo" is one letter from the other shop's "garriga": nothing here, and the word is not named.
    const found = await search('garrigo');
    expect(found.hits).toEqual([]);
    expect(found.alsoSearched).toEqual([]);
    // The same spelling in this shop is named, with its hit.
    const here = await conversationSaying('El senyor Garriga ha trucat');
    const now = await search('garrigo');
    expect(now.alsoSearched).toEqual(['garriga']);
    expect(now.hits.map((h) => h.conversationId)).toEqual([here]);
  });

  it('lists the newest first when a query matches more than it can rank, and matches a common word whole', async () => {
    const id = await conversationSaying('Quina talla tenen les sabates?', 'Les tallas grans?');
    // A long history of the word, written the way the index learns of every message: by its insert trigger. Each
    // note is newer than the last, and all are newer than the chat's own messages.
    await sqlOn(server.app.engine).run(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1099)
       INSERT INTO conversation_events (conversation_id, seq, visitor_seq, type, author_kind, body, created_at)
       SELECT ?, 1000 + i, NULL, 'note', 'agent', 'talla ' || i, CAST(? AS BIGINT) + i FROM n`,
      id,
      Date.now() + 1,
    );
    const found = await search('talla');
    expect(found.order).toBe('newest');
    // The notes are told apart by their seq: PostgreSQL's snippet drops a number that ends the text ("talla 1099").
    expect(found.hits.slice(0, 2).map((h) => h.seq)).toEqual([1_000 + 1099, 1_000 + 1098]);
    // "talla" is now common, so it is matched whole: "tallas" is not among its hits.
    expect(found.hits.some((h) => h.snippet.includes('tallas'))).toBe(false);
    expect((await search('sabates')).order).toBe('relevance');
  });
});
