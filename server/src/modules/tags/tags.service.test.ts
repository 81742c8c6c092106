import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { conversations as pgConversations } from '../../db/pg/schema/index.ts';
import { conversations } from '../../db/schema.ts';
import { committerOn, describeOnEngines, insertConversation, insertSite } from '../../testing/engines.ts';
import { conversationTagsRepository } from '../conversations/index.ts';
import { tagsRepository } from './tags.module.ts';
import { TagsService } from './tags.service.ts';

/** The conversation's tags as stored. */
async function tagsOf(engine: Engine, id: string): Promise<string[] | undefined> {
  if (engine.kind === 'sqlite') return engine.db.select().from(conversations).where(eq(conversations.id, id)).get()?.tags;
  const [row] = await engine.db.select().from(pgConversations).where(eq(pgConversations.id, id));
  return row?.tags;
}

describeOnEngines('the tag list', (engine) => {
  /**
   * One node of the app: a service with a committer of its own over the
   * shared database (on PostgreSQL, its own transactions), and the
   * conversations it tells about retagging.
   */
  function node() {
    const onConversations = conversationTagsRepository(engine());
    const told: string[] = [];
    const tags = new TagsService(tagsRepository(engine()), committerOn(engine()), {
      renameInTx: (tx, siteId, from, to) => onConversations.renameInTx(tx, siteId, from, to),
      retagged: (_siteId, ids) => told.push(...ids),
      used: (siteId) => onConversations.used(siteId),
    });
    return { tags, told };
  }

  /** Site A with conversations tagged as given (through the list, as an agent would) and site B. */
  async function shop(tagged: Record<string, string[]>) {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const onConversations = conversationTagsRepository(engine());
    const { tags } = node();
    const committer = committerOn(engine());
    for (const [id, names] of Object.entries(tagged)) {
      await insertConversation(engine(), 'site-a', id);
      await committer.run((tx) => tags.ensureInTx(tx, 'site-a', names));
      await committer.run((tx) => onConversations.setInTx(tx, 'site-a', id, names));
    }
    const idOf = async (name: string) => {
      const found = (await tags.list('site-a')).find((row) => row.name === name);
      if (!found) throw new Error(`no tag ${name}`);
      return found.id;
    };
    return { idOf };
  }

  const names = async (tags: TagsService, siteId = 'site-a') => (await tags.list(siteId)).map((row) => `${row.name}:${row.colour}`);

  it('starts the list with the names conversations already carry, and creates a name once', async () => {
    await shop({ c1: ['vip'] });
    const { tags } = node();
    expect(await names(tags)).toEqual(['vip:grey']);
    expect((await tags.create('site-a', { name: 'returns', colour: 'red' })).ok).toBe(true);
    expect(await tags.create('site-a', { name: 'vip', colour: 'blue' })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'A tag "vip" already exists' },
    });
    expect(await names(tags)).toEqual(['returns:red', 'vip:grey']);
    expect(await names(tags, 'site-b')).toEqual([]);
  });

  it('renames a tag with the conversations that carry it, in one commit, and then tells their agents', async () => {
    const { idOf } = await shop({ c1: ['vip', 'late'], c2: ['late'] });
    const { tags, told } = node();
    const renamed = await tags.update('site-a', await idOf('vip'), { name: 'gold', colour: 'amber' });
    expect(renamed.ok && renamed.data).toMatchObject({ name: 'gold', colour: 'amber' });
    expect(told).toEqual(['c1']);
    expect(await tagsOf(engine(), 'c1')).toEqual(['gold', 'late']);
    expect(await names(tags)).toEqual(['gold:amber', 'late:grey']);
  });

  it('refuses a rename onto a name the list has, and changes neither the list nor the conversations', async () => {
    const { idOf } = await shop({ c1: ['vip', 'late'] });
    const { tags, told } = node();
    expect(await tags.update('site-a', await idOf('vip'), { name: 'late', colour: 'red' })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'A tag "late" already exists; merge instead' },
    });
    expect(told).toEqual([]);
    expect(await tagsOf(engine(), 'c1')).toEqual(['vip', 'late']);
    expect(await names(tags)).toEqual(['late:grey', 'vip:grey']);
  });

  it('merges a tag into another: its conversations carry the other once, and it leaves the list', async () => {
    const { idOf } = await shop({ c1: ['vip', 'gold'], c2: ['vip'], c3: ['late'] });
    const { tags, told } = node();
    const merged = await tags.merge('site-a', await idOf('vip'), await idOf('gold'));
    expect(merged.ok && merged.data.name).toBe('gold');
    expect([...told].sort()).toEqual(['c1', 'c2']);
    expect(await tagsOf(engine(), 'c1')).toEqual(['gold']);
    expect(await tagsOf(engine(), 'c2')).toEqual(['gold']);
    expect(await names(tags)).toEqual(['gold:grey', 'late:grey']);
  });

  it('finds no tag of another site or none at all, and refuses a merge into itself', async () => {
    const { idOf } = await shop({ c1: ['vip', 'gold'] });
    const { tags } = node();
    const notFound = { ok: false, error: { code: 'not_found', message: 'No such tag' } };
    expect(await tags.update('site-b', await idOf('vip'), { colour: 'red' })).toEqual(notFound);
    expect(await tags.merge('site-b', await idOf('vip'), await idOf('gold'))).toEqual(notFound);
    expect(await tags.merge('site-a', await idOf('vip'), 'tag_missing')).toEqual(notFound);
    expect(await tags.merge('site-a', await idOf('vip'), await idOf('vip'))).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'A tag cannot merge into itself' },
    });
    expect(await names(tags)).toEqual(['gold:grey', 'vip:grey']);
  });

  it('keeps the list and the conversations in agreement when two nodes rename one tag at once', async () => {
    const { idOf } = await shop({ c1: ['vip'], c2: ['vip', 'late'] });
    const id = await idOf('vip');
    const [one, two] = [node(), node()];
    const outcomes = await Promise.all([
      one.tags.update('site-a', id, { name: 'gold' }),
      two.tags.update('site-a', id, { name: 'silver' }),
    ]);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const [listed] = (await one.tags.list('site-a')).filter((row) => row.id === id);
    expect(['gold', 'silver']).toContain(listed?.name);
    expect(await tagsOf(engine(), 'c1')).toEqual([listed?.name]);
    expect(await tagsOf(engine(), 'c2')).toEqual([listed?.name, 'late']);
  });

  it('lets one of two nodes merging two tags into each other at once win; the other finds its tag gone', async () => {
    const { idOf } = await shop({ c1: ['vip'], c2: ['gold'], c3: ['vip', 'gold'] });
    const [vip, gold] = [await idOf('vip'), await idOf('gold')];
    const [one, two] = [node(), node()];
    const outcomes = await Promise.all([one.tags.merge('site-a', vip, gold), two.tags.merge('site-a', gold, vip)]);
    const won = outcomes.filter((outcome) => outcome.ok);
    expect(won).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([{ ok: false, error: { code: 'not_found', message: 'No such tag' } }]);
    const survivor = won[0]?.ok ? won[0].data.name : undefined;
    expect(await names(one.tags)).toEqual([`${survivor}:grey`]);
    for (const id of ['c1', 'c2', 'c3']) expect(await tagsOf(engine(), id)).toEqual([survivor]);
  });
});
