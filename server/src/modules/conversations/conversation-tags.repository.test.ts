import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { conversations as pgConversations } from '../../db/pg/schema/index.ts';
import { conversations } from '../../db/schema.ts';
import { committerOn, describeOnEngines, insertConversation, insertSite } from '../../testing/engines.ts';
import { conversationTagsRepository } from './conversations.module.ts';

/** The conversation's tags as stored, read past the repository. */
async function tagsOf(engine: Engine, id: string): Promise<string[] | undefined> {
  if (engine.kind === 'sqlite') return engine.db.select().from(conversations).where(eq(conversations.id, id)).get()?.tags;
  const [row] = await engine.db.select().from(pgConversations).where(eq(pgConversations.id, id));
  return row?.tags;
}

describeOnEngines('the conversation tags repository', (engine) => {
  /** Site A with three conversations and site B with one, tagged as given. */
  async function tagged(tags: Record<string, string[]>) {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const repo = conversationTagsRepository(engine());
    const committer = committerOn(engine());
    for (const id of ['a-1', 'a-2', 'a-3']) await insertConversation(engine(), 'site-a', id);
    await insertConversation(engine(), 'site-b', 'b-1');
    for (const [id, names] of Object.entries(tags)) {
      await committer.run((tx) => repo.setInTx(tx, id.startsWith('a-') ? 'site-a' : 'site-b', id, names));
    }
    return { repo, committer };
  }

  it('sets a conversation’s tags inside a step and answers its row; another site’s conversation is not found', async () => {
    const { repo, committer } = await tagged({});
    const row = await committer.run((tx) => repo.setInTx(tx, 'site-a', 'a-1', ['vip', 'returns']));
    expect(row).toMatchObject({ id: 'a-1', siteId: 'site-a', status: 'open', tags: ['vip', 'returns'] });
    expect(await committer.run((tx) => repo.setInTx(tx, 'site-a', 'b-1', ['vip']))).toBeUndefined();
    expect(await tagsOf(engine(), 'b-1')).toEqual([]);
    expect(await committer.run((tx) => repo.setInTx(tx, 'site-a', 'a-1', []))).toMatchObject({ tags: [] });
  });

  it('lists every name the site’s conversations carry, once, and no other site’s', async () => {
    const { repo } = await tagged({ 'a-1': ['vip', 'returns'], 'a-2': ['vip'], 'b-1': ['other'] });
    expect((await repo.used('site-a')).sort()).toEqual(['returns', 'vip']);
    expect(await repo.used('site-b')).toEqual(['other']);
  });

  it('renames a tag on every conversation of the site that carries it, in its place, and answers just those', async () => {
    const { repo, committer } = await tagged({
      'a-1': ['vip', 'returns', 'late'],
      'a-2': ['late'],
      'a-3': ['returns'],
      'b-1': ['returns'],
    });
    const touched = await committer.run((tx) => repo.renameInTx(tx, 'site-a', 'returns', 'refunds'));
    expect([...touched].sort()).toEqual(['a-1', 'a-3']);
    expect(await tagsOf(engine(), 'a-1')).toEqual(['vip', 'refunds', 'late']);
    expect(await tagsOf(engine(), 'a-2')).toEqual(['late']);
    expect(await tagsOf(engine(), 'a-3')).toEqual(['refunds']);
    expect(await tagsOf(engine(), 'b-1')).toEqual(['returns']);
    expect(await committer.run((tx) => repo.renameInTx(tx, 'site-a', 'missing', 'x'))).toEqual([]);
  });

  it('merges a tag into one the conversation already carries: it is there once, where it first was', async () => {
    const { repo, committer } = await tagged({ 'a-1': ['late', 'vip', 'gold'], 'a-2': ['gold', 'late', 'vip'], 'a-3': ['gold'] });
    const touched = await committer.run((tx) => repo.renameInTx(tx, 'site-a', 'gold', 'vip'));
    expect([...touched].sort()).toEqual(['a-1', 'a-2', 'a-3']);
    expect(await tagsOf(engine(), 'a-1')).toEqual(['late', 'vip']);
    expect(await tagsOf(engine(), 'a-2')).toEqual(['vip', 'late']);
    expect(await tagsOf(engine(), 'a-3')).toEqual(['vip']);
  });
});
