import { expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { describeOnEngines, insertAgent, insertDepartment, insertSite } from '../../testing/engines.ts';
import { cannedRepliesRepository } from './canned-replies.module.ts';
import type { CannedReplyRow } from './canned-replies.repository.ts';

// Past 2^31: the times must come back as the numbers written, on both engines.
const AT = 1_800_000_000_000;

function reply(id: string, siteId: string, ownerId: string | null, shortcut: string, departmentId: string | null = null): CannedReplyRow {
  return {
    id,
    siteId,
    ownerId,
    departmentId,
    shortcut,
    title: `Title ${id}`,
    bodies: { ca: `Hola ${id}`, es: `Hola ${id}`, en: `Hello ${id}` },
    productUrl: null,
    createdAt: AT,
    updatedAt: AT + 1,
  };
}

/** Site A with agents Ana and Bo and a department; site B with agent Cy. */
async function twoSites(engine: Engine) {
  for (const site of ['site-a', 'site-b']) await insertSite(engine, site);
  await insertAgent(engine, 'site-a', 'ana');
  await insertAgent(engine, 'site-a', 'bo');
  await insertAgent(engine, 'site-b', 'cy');
  await insertDepartment(engine, 'site-a', 'dep-sales');
  const repo = cannedRepliesRepository(engine);
  const rows = {
    // The team's reply carries a product (its page's URL).
    team: { ...reply('r-team', 'site-a', null, 'hi', 'dep-sales'), productUrl: 'https://shop.example/jersei?variant=7' },
    anas: reply('r-ana', 'site-a', 'ana', 'mine'),
    bos: reply('r-bo', 'site-a', 'bo', 'bos'),
    foreign: reply('r-foreign', 'site-b', null, 'hi'),
  };
  await repo.insert(Object.values(rows));
  return { repo, rows };
}

describeOnEngines('the canned replies repository', (engine) => {
  it('lists the team’s replies and the agent’s own, by shortcut in byte order, then by id', async () => {
    const { repo, rows } = await twoSites(engine());
    // Written out of order; byte order puts digits, then "_", then "-" before letters, and "é" after "z".
    const more = ['zeta', 'é', 'ab', 'a-b', '_x', '9', '10'].map((shortcut, i) => reply(`r-${i}`, 'site-a', null, shortcut));
    // Ana's own "hi" beside the team's: the same shortcut, told apart by id.
    const anasHi = reply('r-ana-hi', 'site-a', 'ana', 'hi');
    await repo.insert([...more, anasHi]);

    const listed = await repo.list('site-a', 'ana');
    expect(listed.map((row) => row.shortcut)).toEqual(['10', '9', '_x', 'a-b', 'ab', 'hi', 'hi', 'mine', 'zeta', 'é']);
    expect(listed.filter((row) => row.shortcut === 'hi').map((row) => row.id)).toEqual(['r-ana-hi', 'r-team']);
    // Rows come back whole, as written.
    expect(listed.find((row) => row.id === 'r-team')).toEqual(rows.team);
    // Bo sees the team's and his own, neither Ana's nor site B's.
    expect((await repo.list('site-a', 'bo')).map((row) => row.id)).not.toContain('r-ana');
    expect((await repo.list('site-a', 'bo')).filter((row) => row.ownerId !== null)).toEqual([rows.bos]);
    expect(await repo.list('site-b', 'cy')).toEqual([rows.foreign]);
    // An agent of another site asking for site A's is no one there: only the team's replies.
    expect((await repo.list('site-a', 'cy')).every((row) => row.ownerId === null && row.siteId === 'site-a')).toBe(true);
  });

  it('finds a reply by id only where the agent may see it', async () => {
    const { repo, rows } = await twoSites(engine());
    expect(await repo.byId('site-a', 'ana', 'r-team')).toEqual(rows.team);
    expect(await repo.byId('site-a', 'ana', 'r-ana')).toEqual(rows.anas);
    // A colleague's personal reply, another site's, and a missing one answer alike.
    expect(await repo.byId('site-a', 'ana', 'r-bo')).toBeUndefined();
    expect(await repo.byId('site-a', 'ana', 'r-foreign')).toBeUndefined();
    expect(await repo.byId('site-b', 'cy', 'r-team')).toBeUndefined();
    expect(await repo.byId('site-a', 'ana', 'r-missing')).toBeUndefined();
  });

  it('updates a visible reply and answers with it; another’s or another site’s is left as it was', async () => {
    const { repo, rows } = await twoSites(engine());
    const changes = {
      shortcut: 'hello',
      title: 'Changed',
      bodies: { ca: 'a', es: 'b', en: 'c' },
      departmentId: null,
      productUrl: 'https://shop.example/gorra',
      updatedAt: AT + 9,
    };
    const updated = await repo.update('site-a', 'bo', 'r-team', changes);
    expect(updated).toEqual({ ...rows.team, ...changes });
    expect(await repo.byId('site-a', 'ana', 'r-team')).toEqual({ ...rows.team, ...changes });

    expect(await repo.update('site-a', 'bo', 'r-ana', { title: 'Stolen' })).toBeUndefined();
    expect(await repo.update('site-b', 'cy', 'r-team', { title: 'Stolen' })).toBeUndefined();
    expect(await repo.update('site-a', 'ana', 'r-missing', { title: 'Nobody' })).toBeUndefined();
    expect(await repo.byId('site-a', 'ana', 'r-ana')).toEqual(rows.anas);
    expect(await repo.byId('site-a', 'ana', 'r-team')).toEqual({ ...rows.team, ...changes });
  });

  it('deletes a visible reply and says so; another’s, another site’s or a missing one is not deleted', async () => {
    const { repo, rows } = await twoSites(engine());
    expect(await repo.delete('site-a', 'bo', 'r-ana')).toBe(false);
    expect(await repo.delete('site-b', 'cy', 'r-team')).toBe(false);
    expect(await repo.delete('site-a', 'ana', 'r-missing')).toBe(false);
    expect(await repo.byId('site-a', 'ana', 'r-ana')).toEqual(rows.anas);

    expect(await repo.delete('site-a', 'ana', 'r-ana')).toBe(true);
    expect(await repo.delete('site-a', 'bo', 'r-team')).toBe(true);
    expect(await repo.byId('site-a', 'ana', 'r-ana')).toBeUndefined();
    expect(await repo.list('site-a', 'bo')).toEqual([rows.bos]);
    expect(await repo.list('site-b', 'cy')).toEqual([rows.foreign]);
  });

  it('deletes an agent’s personal replies on their site, and nothing of the team’s or a colleague’s', async () => {
    const { repo, rows } = await twoSites(engine());
    // Asked under another site, it finds none of Ana's.
    await repo.deleteOwnedBy('site-b', 'ana');
    expect(await repo.byId('site-a', 'ana', 'r-ana')).toEqual(rows.anas);

    await repo.deleteOwnedBy('site-a', 'ana');
    expect(await repo.list('site-a', 'ana')).toEqual([rows.team]);
    expect(await repo.list('site-a', 'bo')).toEqual([rows.bos, rows.team]);
    expect(await repo.list('site-b', 'cy')).toEqual([rows.foreign]);
  });

  it('writes a batch whole or not at all, and an empty one is nothing', async () => {
    const { repo } = await twoSites(engine());
    await repo.insert([]);
    const before = await repo.list('site-a', 'ana');
    // The second row repeats an id already taken: the first of the batch is not written either.
    await expect(repo.insert([reply('r-new', 'site-a', null, 'new'), reply('r-team', 'site-a', null, 'again')])).rejects.toThrow();
    expect(await repo.list('site-a', 'ana')).toEqual(before);
  });

  it('holds one shortcut per site among the team’s replies and per agent among each one’s own, written at once or not', async () => {
    const { repo } = await twoSites(engine());
    // The team's "hi" is taken on site A, free on site B's own agent and as Ana's personal one.
    expect(await repo.insert([reply('r-team-2', 'site-a', null, 'hi')])).toBe(false);
    expect(await repo.insert([reply('r-ana-hi', 'site-a', 'ana', 'hi')])).toBe(true);
    expect(await repo.insert([reply('r-ana-hi-2', 'site-a', 'ana', 'hi')])).toBe(false);
    expect(await repo.insert([reply('r-bo-hi', 'site-a', 'bo', 'hi')])).toBe(true);
    // A batch with one taken shortcut writes nothing.
    expect(await repo.insert([reply('r-fresh', 'site-a', null, 'fresh'), reply('r-mine-2', 'site-a', 'ana', 'mine')])).toBe(false);
    expect((await repo.list('site-a', 'ana')).map((row) => row.id)).not.toContain('r-fresh');
    // Two nodes creating the same team shortcut at once: one is stored.
    const both = await Promise.all([
      cannedRepliesRepository(engine()).insert([reply('r-race-1', 'site-a', null, 'envio')]),
      cannedRepliesRepository(engine()).insert([reply('r-race-2', 'site-a', null, 'envio')]),
    ]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect((await repo.list('site-a', 'bo')).filter((row) => row.shortcut === 'envio')).toHaveLength(1);
    // Renaming onto a taken shortcut answers so and changes nothing.
    expect(await repo.update('site-a', 'ana', 'r-ana', { shortcut: 'hi' })).toBe('taken');
    expect((await repo.byId('site-a', 'ana', 'r-ana'))?.shortcut).toBe('mine');
  });
});
