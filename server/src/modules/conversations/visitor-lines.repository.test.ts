import { expect, it } from 'vitest';
import { andThen } from '../../db/committer.ts';
import { committerOn, describeOnEngines, insertConversation, insertEvent, insertSite } from '../../testing/engines.ts';
import { visitorLinesRepository } from './conversations.module.ts';

const message = (conversationId: string, seq: number, authorKind: 'visitor' | 'agent', body: string) => ({
  conversationId,
  seq,
  type: 'message' as const,
  authorKind,
  body,
  createdAt: seq,
});

describeOnEngines('the visitor lines repository', (engine) => {
  async function twoShops() {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    await insertConversation(engine(), 'site-a', 'conv-a');
    await insertConversation(engine(), 'site-a', 'conv-a2');
    await insertConversation(engine(), 'site-b', 'conv-b');
    return visitorLinesRepository(engine());
  }

  it('answers the visitor’s message at or before a seq, skipping agents’ and other events, on the conversation’s site only', async () => {
    const repo = await twoShops();
    await insertEvent(engine(), message('conv-a', 1, 'visitor', 'Hola'));
    await insertEvent(engine(), message('conv-a', 2, 'agent', 'Bon dia'));
    await insertEvent(engine(), { ...message('conv-a', 3, 'visitor', 'joined'), type: 'joined' });
    await insertEvent(engine(), message('conv-a', 4, 'visitor', 'Do you ship to Girona?'));
    expect(await repo.textAt('site-a', 'conv-a', 3)).toBe('Hola');
    expect(await repo.textAt('site-a', 'conv-a', 4)).toBe('Do you ship to Girona?');
    expect(await repo.textAt('site-a', 'conv-a', 99)).toBe('Do you ship to Girona?');
    expect(await repo.textAt('site-a', 'conv-a', 0)).toBeNull();
    // Another site's conversation, or one without a visitor message, answers nothing.
    expect(await repo.textAt('site-b', 'conv-a', 4)).toBeNull();
    expect(await repo.textAt('site-a', 'conv-b', 4)).toBeNull();
  });

  it('reads a conversation of the site with its visitor’s language; another site’s is missing', async () => {
    const repo = await twoShops();
    const found = await repo.withLanguage('site-a', 'conv-a');
    expect(found).toEqual({ conversation: expect.objectContaining({ id: 'conv-a', siteId: 'site-a', lastSeq: 0 }), language: null });
    expect(await repo.withLanguage('site-b', 'conv-a')).toBeUndefined();
    expect(await repo.withLanguage('site-a', 'conv-missing')).toBeUndefined();
  });

  it('names a subject’s conversations on its site, alone or inside a step’s transaction', async () => {
    const repo = await twoShops();
    expect(await repo.idsOfVisitors('site-a', ['visitor-conv-a', 'visitor-conv-a2'])).toEqual(
      expect.arrayContaining(['conv-a', 'conv-a2']),
    );
    expect(await repo.idsOfVisitors('site-a', ['visitor-conv-b'])).toEqual([]);
    expect(await repo.idsOfVisitors('site-a', [])).toEqual([]);
    const inStep = await committerOn(engine()).run((tx) => andThen(repo.idsOfVisitorsInTx(tx, 'site-b', ['visitor-conv-b']), (ids) => ids));
    expect(inStep).toEqual(['conv-b']);
  });
});
