import { expect, it } from 'vitest';
import { andThen } from '../../db/committer.ts';
import { committerOn, describeOnEngines, insertSite } from '../../testing/engines.ts';
import { tagsRepository } from './tags.module.ts';
import { TagNameTaken, type TagRow } from './tags.repository.ts';

// Past 2^31: the times must come back as the numbers written, on both engines.
const AT = 1_800_000_000_000;

const tag = (id: string, siteId: string, name: string, colour: TagRow['colour'] = 'grey'): TagRow => ({
  id,
  siteId,
  name,
  colour,
  createdAt: AT,
});

describeOnEngines('the tags repository', (engine) => {
  async function twoShops() {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const repo = tagsRepository(engine());
    const committer = committerOn(engine());
    return { repo, committer };
  }

  it('lists a site’s tags by name in byte order, and no other site’s', async () => {
    const { repo } = await twoShops();
    // Written out of order; byte order puts digits and capitals before small letters, and "é" after "z".
    for (const [i, name] of ['zeta', 'é', 'ab', 'Vip', '10', 'a-b'].entries())
      expect(await repo.create(tag(`t-${i}`, 'site-a', name))).toBe(true);
    await repo.create(tag('t-b', 'site-b', 'aaa'));
    expect((await repo.list('site-a')).map((row) => row.name)).toEqual(['10', 'Vip', 'a-b', 'ab', 'zeta', 'é']);
    expect(await repo.list('site-b')).toEqual([tag('t-b', 'site-b', 'aaa')]);
  });

  it('creates a name once per site: a second tag of that name is refused, another site’s is its own', async () => {
    const { repo } = await twoShops();
    expect(await repo.create(tag('t-1', 'site-a', 'vip', 'red'))).toBe(true);
    expect(await repo.create(tag('t-2', 'site-a', 'vip', 'blue'))).toBe(false);
    expect(await repo.create(tag('t-3', 'site-b', 'vip', 'blue'))).toBe(true);
    expect(await repo.list('site-a')).toEqual([tag('t-1', 'site-a', 'vip', 'red')]);
  });

  it('adds the names missing from the list inside a step, and leaves an existing one its colour', async () => {
    const { repo, committer } = await twoShops();
    await repo.create(tag('t-1', 'site-a', 'vip', 'red'));
    await committer.run((tx) =>
      repo.ensureInTx(tx, [tag('t-2', 'site-a', 'returns'), tag('t-3', 'site-a', 'vip'), tag('t-4', 'site-a', 'returns')]),
    );
    await committer.run((tx) => repo.ensureInTx(tx, []));
    expect(await repo.list('site-a')).toEqual([tag('t-2', 'site-a', 'returns'), tag('t-1', 'site-a', 'vip', 'red')]);
  });

  it('reads, changes and removes a site’s tags inside a step, and never another site’s', async () => {
    const { repo, committer } = await twoShops();
    await repo.create(tag('t-1', 'site-a', 'vip'));
    await repo.create(tag('t-2', 'site-a', 'returns'));
    await repo.create(tag('t-b', 'site-b', 'other'));
    const locked = await committer.run((tx) => repo.lockInTx(tx, 'site-a', ['t-2', 't-1', 't-b', 't-missing']));
    expect(locked.map((row) => row.id).sort()).toEqual(['t-1', 't-2']);

    const changed = await committer.run((tx) => repo.updateInTx(tx, 'site-a', 't-1', { name: 'gold', colour: 'amber' }));
    expect(changed).toEqual(tag('t-1', 'site-a', 'gold', 'amber'));
    expect(await committer.run((tx) => repo.updateInTx(tx, 'site-a', 't-b', { colour: 'red' }))).toBeUndefined();
    await committer.run((tx) => repo.deleteInTx(tx, 'site-a', 't-b'));
    await committer.run((tx) => repo.deleteInTx(tx, 'site-a', 't-2'));

    expect(await repo.list('site-a')).toEqual([tag('t-1', 'site-a', 'gold', 'amber')]);
    expect(await repo.list('site-b')).toEqual([tag('t-b', 'site-b', 'other')]);
  });

  it('refuses a rename onto a name the site has, as TagNameTaken, and rolls the whole step back', async () => {
    const { repo, committer } = await twoShops();
    await repo.create(tag('t-1', 'site-a', 'vip'));
    await repo.create(tag('t-2', 'site-a', 'returns'));
    const step = committer.run((tx) =>
      andThen(repo.updateInTx(tx, 'site-a', 't-1', { colour: 'red' }), () => repo.updateInTx(tx, 'site-a', 't-2', { name: 'vip' })),
    );
    await expect(step).rejects.toBeInstanceOf(TagNameTaken);
    expect(await repo.list('site-a')).toEqual([tag('t-2', 'site-a', 'returns'), tag('t-1', 'site-a', 'vip')]);
  });
});
