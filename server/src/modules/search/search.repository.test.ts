import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchResults } from '@mostrador/shared';
import { and, eq } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { conversationEvents as pgEvents, conversations as pgConversations } from '../../db/pg/schema/index.ts';
import { conversationEvents, conversations } from '../../db/schema.ts';
import { describeOnEngines, insertAgent, insertConversation, insertDepartment, insertSite } from '../../testing/engines.ts';
import { searchRepository, searchVocabularyRepository } from './search.module.ts';
import type { SearchFilters, Searcher } from './search.repository.ts';
import { SearchService } from './search.service.ts';
import { SearchVocabulary } from './search-vocabulary.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7);
const admin: Searcher = { siteId: 'a', agentId: 'boss', role: 'admin', departmentIds: [] };

/** Events of one conversation, one second apart from `at`, seq from 1; notes when the body starts with "note:". */
async function say(engine: Engine, conversationId: string, at: number, ...bodies: string[]): Promise<void> {
  const rows = bodies.map((body, i) => ({
    conversationId,
    seq: i + 1,
    type: body.startsWith('note:') ? ('note' as const) : ('message' as const),
    authorKind: 'visitor' as const,
    authorName: null,
    body: body.replace(/^note:/, ''),
    createdAt: at + i * 1000,
  }));
  if (engine.kind === 'sqlite') engine.db.insert(conversationEvents).values(rows).run();
  else await engine.db.insert(pgEvents).values(rows);
}

type ConversationChanges = Partial<Pick<typeof conversations.$inferSelect, 'assigneeId' | 'departmentId' | 'status' | 'tags'>>;

async function change(engine: Engine, conversationId: string, changes: ConversationChanges): Promise<void> {
  if (engine.kind === 'sqlite') engine.db.update(conversations).set(changes).where(eq(conversations.id, conversationId)).run();
  else await engine.db.update(pgConversations).set(changes).where(eq(pgConversations.id, conversationId));
}

async function erase(engine: Engine, conversationId: string, seq: number): Promise<void> {
  if (engine.kind === 'sqlite')
    engine.db
      .delete(conversationEvents)
      .where(and(eq(conversationEvents.conversationId, conversationId), eq(conversationEvents.seq, seq)))
      .run();
  else await engine.db.delete(pgEvents).where(and(eq(pgEvents.conversationId, conversationId), eq(pgEvents.seq, seq)));
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** The module's service over the engine, as app.ts builds it (SQLite's vocabulary worker opens the test's file). */
function searchOn(engine: Engine) {
  const file = engine.kind === 'sqlite' ? engine.db.$client.name : '';
  const vocabulary = new SearchVocabulary(searchVocabularyRepository(engine, file));
  closers.push(() => vocabulary.close());
  const service = new SearchService(searchRepository(engine), vocabulary);
  return (query: string, who: Searcher = admin, filters: SearchFilters = {}, offset = 0) => service.search(who, query, filters, offset);
}

/** Where the hits are, without the snippets (their cut and marks are each engine's; see the snippet test). */
const places = (results: SearchResults) => results.hits.map((hit) => `${hit.conversationId}#${hit.seq}`);

/** Two shops: "a" searched, "b" saying words "a" must never see. */
async function twoShops(engine: Engine): Promise<void> {
  for (const site of ['a', 'b']) await insertSite(engine, site);
  for (const id of ['refund', 'order', 'old', 'long']) await insertConversation(engine, 'a', id);
  await insertConversation(engine, 'b', 'foreign');
  await say(engine, 'refund', NOW - 10 * DAY, 'Hola!', 'Vull la DEVOLUCIÓ de la jaqueta que vaig pagar amb tarjeta');
  await say(engine, 'order', NOW - 5 * DAY, 'Quan arriba la meva comanda ES-1234?', 'note:escriu a joan@example.com');
  // Beyond the three months Chatwoot searches.
  await say(engine, 'old', NOW - 400 * DAY, 'Pregunta: la devolució?');
  await say(
    engine,
    'long',
    NOW - 1 * DAY,
    'Bon dia, tinc moltes preguntes sobre enviaments, talles, colors, botigues i també sobre la devolució',
  );
  await say(engine, 'foreign', NOW - 2 * DAY, 'Bicicleta targeta devolució jaqueta');
}

describeOnEngines('search over messages and notes', (engine) => {
  it('finds exact words, prefixes and words typed without accents, in any case, the shortest saying it first', async () => {
    await twoShops(engine());
    const search = searchOn(engine());
    expect(places(await search('jaqueta'))).toEqual(['refund#2']);
    // "devoluc" is a word being typed; "Devolucio" lacks its accent; the short message outranks the long one.
    for (const query of ['devoluc', 'Devolucio', 'DEVOLUCIÓ']) {
      const found = await search(query);
      expect(found.order).toBe('relevance');
      expect(places(found).slice(0, 1)).toEqual(['old#1']);
      expect(places(found).sort()).toEqual(['long#1', 'old#1', 'refund#2']);
    }
    // Every word must match.
    expect(places(await search('devolucio jaqueta'))).toEqual(['refund#2']);
    expect(places(await search('devolucio bicicleta'))).toEqual([]);
  });

  it('splits words at punctuation as FTS5 does: codes, e-mail addresses, notes included', async () => {
    await twoShops(engine());
    const search = searchOn(engine());
    expect(places(await search('1234'))).toEqual(['order#1']);
    expect(places(await search('ES 1234'))).toEqual(['order#1']);
    expect(places(await search('example'))).toEqual(['order#2']);
    expect((await search('joan')).hits.map((hit) => hit.kind)).toEqual(['note']);
  });

  it('marks the matched words in the snippet as they were written, accents and case kept', async () => {
    await twoShops(engine());
    const [hit] = (await searchOn(engine())('devolucio jaqueta')).hits;
    expect(hit?.snippet).toContain(`${HIGHLIGHT_START}DEVOLUCIÓ${HIGHLIGHT_END}`);
    expect(hit?.snippet).toContain(`${HIGHLIGHT_START}jaqueta${HIGHLIGHT_END}`);
    expect(hit).toMatchObject({ conversationId: 'refund', visitorLabel: 'refund', status: 'open', kind: 'message', authorKind: 'visitor' });
    expect(hit?.createdAt).toBe(NOW - 10 * DAY + 1000);
  });

  it('finds a misspelt word through the vocabulary, and names the spelling it used', async () => {
    await twoShops(engine());
    const search = searchOn(engine());
    const found = await search('tarjta');
    expect(places(found)).toEqual(['refund#2']);
    expect(found.alsoSearched).toEqual(['tarjeta']);
    const accentless = await search('devolucoi');
    expect(places(accentless).sort()).toEqual(['long#1', 'old#1', 'refund#2']);
    expect(accentless.alsoSearched).toEqual(['devolucio']);
  });

  it('never shows another site’s rows, nor a spelling only another site’s messages hold', async () => {
    await twoShops(engine());
    const search = searchOn(engine());
    expect(await search('bicicleta')).toEqual({ hits: [], nextOffset: null, alsoSearched: [], order: 'relevance' });
    // "targta" is one letter off site b's "targeta" (and two off site a's "tarjeta"): in site a it finds nothing,
    // and the spelling it tried is not named.
    expect(await search('targta')).toEqual({ hits: [], nextOffset: null, alsoSearched: [], order: 'relevance' });
    const inB = await search('targta', { ...admin, siteId: 'b' });
    expect(places(inB)).toEqual(['foreign#1']);
    expect(inB.alsoSearched).toEqual(['targeta']);
    const asB = await search('devolucio', { ...admin, siteId: 'b' });
    expect(places(asB)).toEqual(['foreign#1']);
  });

  it('pages through every match with no limit on how far back, and filters by date', async () => {
    await insertSite(engine(), 'a');
    for (let i = 0; i < 25; i++) {
      await insertConversation(engine(), 'a', `c${String(i).padStart(2, '0')}`);
      // One a month, going back two years.
      await say(engine(), `c${String(i).padStart(2, '0')}`, NOW - i * 30 * DAY, `On és la meva comanda número ${i}?`);
    }
    const search = searchOn(engine());
    const first = await search('comanda');
    expect(first.hits).toHaveLength(20);
    expect(first.nextOffset).toBe(20);
    const second = await search('comanda', admin, {}, 20);
    expect(second.nextOffset).toBeNull();
    const all = [...places(first), ...places(second)];
    expect(new Set(all).size).toBe(25);
    // Equal ranks fall back on newest first, so the oldest is on the last page.
    expect(places(second).at(-1)).toBe('c24#1');
    const lastYear = await search('comanda', admin, { from: NOW - 400 * DAY, to: NOW - 300 * DAY });
    expect(places(lastYear)).toEqual(['c10#1', 'c11#1', 'c12#1', 'c13#1']);
  });

  it('lists the newest first when a query matches more than it can rank, and matches a common word whole', async () => {
    await insertSite(engine(), 'a');
    await insertConversation(engine(), 'a', 'busy');
    const bodies = Array.from({ length: 1001 }, (_, i) => `La comanda ${i} ja ha sortit`);
    // The newest, and the only one saying "comandes": a common word is a whole word, not a prefix.
    await say(engine(), 'busy', NOW - 2000 * 1000, ...bodies, 'Tinc dues comandes');
    const found = await searchOn(engine())('comanda');
    expect(found.order).toBe('newest');
    expect(places(found)).toEqual(Array.from({ length: 20 }, (_, i) => `busy#${1001 - i}`));
    expect(found.nextOffset).toBe(20);
  });

  it('shows an agent their own chats and the open queue, not a colleague’s', async () => {
    await twoShops(engine());
    for (const agent of ['marta', 'pau']) await insertAgent(engine(), 'a', agent);
    await change(engine(), 'refund', { assigneeId: 'pau' });
    await change(engine(), 'old', { assigneeId: 'marta' });
    const marta: Searcher = { siteId: 'a', agentId: 'marta', role: 'agent', departmentIds: [] };
    expect(places(await searchOn(engine())('devolucio', marta)).sort()).toEqual(['long#1', 'old#1']);
    expect(places(await searchOn(engine())('devolucio', admin, { agentId: 'pau' }))).toEqual(['refund#2']);
  });

  it('filters by tag, status and department, and shows an agent the open queue of their departments only', async () => {
    await twoShops(engine());
    for (const department of ['sales', 'support']) await insertDepartment(engine(), 'a', department);
    await change(engine(), 'refund', { tags: ['returns', 'vip'], departmentId: 'support' });
    await change(engine(), 'old', { status: 'closed', tags: ['returns'] });
    await change(engine(), 'long', { departmentId: 'sales' });
    const search = searchOn(engine());
    expect(places(await search('devolucio', admin, { tag: 'vip' }))).toEqual(['refund#2']);
    expect(places(await search('devolucio', admin, { tag: 'returns' })).sort()).toEqual(['old#1', 'refund#2']);
    expect(places(await search('devolucio', admin, { status: 'closed' }))).toEqual(['old#1']);
    expect(places(await search('devolucio', admin, { departmentId: 'sales' }))).toEqual(['long#1']);
    const inSupport: Searcher = { siteId: 'a', agentId: 'nobody', role: 'agent', departmentIds: ['support'] };
    expect(places(await search('devolucio', inSupport))).toEqual(['refund#2']);
  });

  it('forgets an erased message, and the words only it held leave the vocabulary', async () => {
    await twoShops(engine());
    await erase(engine(), 'refund', 2);
    expect(places(await searchOn(engine())('jaqueta'))).toEqual([]);
    const file = engine().kind === 'sqlite' ? (engine() as Extract<Engine, { kind: 'sqlite' }>).db.$client.name : '';
    const vocabulary = searchVocabularyRepository(engine(), file);
    closers.push(() => vocabulary.close());
    const words = await vocabulary.words(4, 32);
    expect(words).not.toContain('tarjeta');
    // Still held by site b's message.
    expect(words).toEqual(expect.arrayContaining(['jaqueta', 'devolucio', 'targeta', 'example', '1234']));
  });
});
