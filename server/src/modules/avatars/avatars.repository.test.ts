import { expect, it } from 'vitest';
import { describeOnEngines, insertAgent, insertSite } from '../../testing/engines.ts';
import { avatarsRepository } from './avatars.module.ts';
import type { PictureRow } from './avatars.repository.ts';

const picture = (id: string, siteId: string, agentId: string, at: number): PictureRow => ({
  id,
  siteId,
  agentId,
  contentType: 'image/png',
  bytes: 100 + at,
  createdAt: 1_800_000_000_000 + at,
});

const byId = (rows: PictureRow[]) => [...rows].sort((x, y) => x.id.localeCompare(y.id));

describeOnEngines('the avatars repository', (engine) => {
  async function twoShops() {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    await insertAgent(engine(), 'site-a', 'ana');
    await insertAgent(engine(), 'site-a', 'marta');
    await insertAgent(engine(), 'site-b', 'bea');
    return avatarsRepository(engine());
  }

  it('reads back every site’s pictures as written, one per agent: a new one replaces the agent’s row whole', async () => {
    const repo = await twoShops();
    expect(await repo.all()).toEqual([]);
    await repo.replace(picture('pic-1', 'site-a', 'ana', 1));
    await repo.replace(picture('pic-2', 'site-a', 'marta', 2));
    await repo.replace(picture('pic-3', 'site-b', 'bea', 3));
    expect(byId(await repo.all())).toEqual([
      picture('pic-1', 'site-a', 'ana', 1),
      picture('pic-2', 'site-a', 'marta', 2),
      picture('pic-3', 'site-b', 'bea', 3),
    ]);

    // The id is the public URL: the new picture's, with its type, size and time; the old id answers nothing.
    const jpeg = { ...picture('pic-4', 'site-a', 'ana', 4), contentType: 'image/jpeg' as const };
    await repo.replace(jpeg);
    expect(byId(await repo.all())).toEqual([picture('pic-2', 'site-a', 'marta', 2), picture('pic-3', 'site-b', 'bea', 3), jpeg]);
    expect(await repo.ofAgent('site-a', 'ana')).toEqual(jpeg);
    // Another site's agent answers like one without a picture.
    expect(await repo.ofAgent('site-b', 'ana')).toBeUndefined();
  });

  it('removes the agent’s row only, and removing a missing one is fine', async () => {
    const repo = await twoShops();
    await repo.replace(picture('pic-1', 'site-a', 'ana', 1));
    await repo.replace(picture('pic-2', 'site-a', 'marta', 2));
    await repo.remove('site-a', 'ana');
    expect(await repo.all()).toEqual([picture('pic-2', 'site-a', 'marta', 2)]);
    await repo.remove('site-a', 'ana');
    await repo.remove('site-b', 'bea');
    expect(await repo.all()).toEqual([picture('pic-2', 'site-a', 'marta', 2)]);
  });

  it('answers another site’s id like a missing one: its agent’s picture is neither removed nor replaced', async () => {
    const repo = await twoShops();
    await repo.replace(picture('pic-1', 'site-a', 'ana', 1));
    await repo.remove('site-b', 'ana');
    await repo.replace(picture('pic-9', 'site-b', 'ana', 9));
    expect(await repo.all()).toEqual([picture('pic-1', 'site-a', 'ana', 1)]);
  });

  it('refuses a picture of an agent who does not exist', async () => {
    const repo = await twoShops();
    await expect(repo.replace(picture('pic-1', 'site-a', 'nobody', 1))).rejects.toThrow();
    expect(await repo.all()).toEqual([]);
  });
});
