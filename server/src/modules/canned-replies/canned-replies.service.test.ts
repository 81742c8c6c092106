import { fail, ok, type AttachmentInfo, type ProductCard } from '@mostrador/shared';
import { expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { describeOnEngines, insertAgent, insertDepartment, insertSite } from '../../testing/engines.ts';
import { cannedRepliesRepository } from './canned-replies.module.ts';
import {
  CannedRepliesService,
  type CannedActor,
  type CannedInput,
  type CannedPicturePort,
  type CannedProductPort,
} from './canned-replies.service.ts';

const admin: CannedActor = { siteId: 'site-a', agentId: 'ana', role: 'admin', departmentIds: [] };
const agent: CannedActor = { siteId: 'site-a', agentId: 'bo', role: 'agent', departmentIds: [] };

const input = (shortcut: string, scope: 'shared' | 'personal' = 'shared'): CannedInput => ({
  shortcut,
  title: `Title ${shortcut}`,
  scope,
  departmentId: null,
  bodies: { ca: 'Hola', es: 'Hola', en: 'Hello' },
});

/**
 * Ana's uploads, kept in memory as the attachments module would keep them. `takenAfterCheck`: an upload a
 * message claims right after its first check, while the reply is being written.
 */
function pictures(takenAfterCheck?: string) {
  const unsent = new Set(['up-1', 'up-2']);
  const kept = new Map<string, string>();
  const info = (id: string): AttachmentInfo => ({ id, name: `${id}.png`, mime: 'image/png', type: 'image', size: 1 });
  const port: CannedPicturePort = {
    check: async (_siteId, agentId, id) => {
      if (agentId !== 'ana' || !unsent.has(id)) return fail('not_found', 'No such file');
      if (id === takenAfterCheck) unsent.delete(id);
      return ok(info(id));
    },
    keep: async (_siteId, replyId, id) => {
      if (id !== null && !unsent.has(id)) return false;
      kept.delete(replyId);
      if (id !== null) kept.set(replyId, id);
      if (id !== null) unsent.delete(id);
      return true;
    },
    of: async (_siteId, replyIds) =>
      new Map(replyIds.flatMap((replyId) => (kept.has(replyId) ? [[replyId, info(kept.get(replyId)!)]] : []))),
    copy: async () => fail('not_found', 'unused here'),
  };
  return { port, kept };
}

const JERSEY: ProductCard = {
  name: 'Jersei de llana',
  url: 'https://shop.example/p/jersei?variant=7',
  price: 59.9,
  currency: 'EUR',
  image: null,
  sku: 'JER-7',
};

/**
 * Site A's catalogue, as the visitors module answers: the jersey, found under any form of its page's URL (a
 * campaign parameter is not part of it); site B has none. `stocked` may lose it, as a full catalogue lets one go.
 */
function catalogue() {
  const stocked = new Set([JERSEY.url]);
  const port: CannedProductPort = {
    byUrl: async (siteId, urls) =>
      new Map(urls.flatMap((url) => (siteId === 'site-a' && stocked.has(url.replace('&utm_source=mail', '')) ? [[url, JERSEY]] : []))),
  };
  return { port, stocked };
}

async function service(engine: Engine, port: CannedPicturePort, products: CannedProductPort = catalogue().port) {
  await insertSite(engine, 'site-a');
  await insertAgent(engine, 'site-a', 'ana');
  await insertAgent(engine, 'site-a', 'bo');
  await insertDepartment(engine, 'site-a', 'dep-sales');
  return new CannedRepliesService(cannedRepliesRepository(engine), { departmentExists: (_, id) => id === 'dep-sales' }, port, products);
}

describeOnEngines('the canned replies service', (engine) => {
  it('keeps a shortcut to one reply when the same one is asked for at once, by single writes and an import', async () => {
    const canned = await service(engine(), pictures().port);
    const outcomes = await Promise.all([
      canned.create(admin, input('hi')),
      canned.create(admin, input('hi')),
      canned.createMany(admin, [input('hi'), input('bye')]),
      canned.create(admin, input('bye')),
    ]);
    // Whichever came first wins; every later ask hears the shortcut is taken.
    expect(outcomes[0]).toMatchObject({ ok: true });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(outcomes[2]).toEqual({ added: 1, refused: [{ index: 0, message: 'A reply "/hi" already exists' }] });
    expect(outcomes[3]).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await canned.list(admin)).map((row) => row.shortcut).sort()).toEqual(['bye', 'hi']);
  });

  it('keeps one reply per shortcut for the team and for each agent, and lets only admins write the team’s', async () => {
    const canned = await service(engine(), pictures().port);
    expect(await canned.create(admin, input('hi'))).toMatchObject({ ok: true });
    expect(await canned.create(admin, input('hi'))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // A personal reply may take the team's shortcut.
    expect(await canned.create(agent, input('hi', 'personal'))).toMatchObject({ ok: true });
    expect(await canned.create(agent, input('team', 'shared'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await canned.create(admin, { ...input('dep'), departmentId: 'dep-missing' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    const made = await canned.create(admin, input('bye'));
    if (!made.ok) throw new Error(made.error.message);
    expect(await canned.update(agent, made.data.id, { title: 'Mine now' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await canned.update(admin, made.data.id, { shortcut: 'hi' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await canned.update(admin, made.data.id, { title: 'Goodbye' })).toMatchObject({ ok: true, data: { title: 'Goodbye' } });
    expect(await canned.delete(agent, made.data.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await canned.delete(admin, made.data.id)).toEqual(ok(null));
    expect(await canned.delete(admin, made.data.id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Bo sees the team's "hi" and his own; the two share a shortcut, so their order is the ids'.
    const seen = (await canned.list(agent)).map((row) => `${row.shortcut}:${row.ownerId ?? 'team'}`);
    expect(seen.sort()).toEqual(['hi:bo', 'hi:team']);
  });

  it('imports many in one write, refusing by position a shortcut taken before or earlier in the batch', async () => {
    const canned = await service(engine(), pictures().port);
    await canned.create(admin, input('hi'));
    const imported = await canned.createMany(admin, [
      input('a'),
      input('hi'),
      input('b'),
      input('a'),
      { ...input('c'), scope: 'personal' },
    ]);
    expect(imported).toEqual({
      added: 3,
      refused: [
        { index: 1, message: 'A reply "/hi" already exists' },
        { index: 3, message: 'A reply "/a" already exists' },
      ],
    });
    expect((await canned.list(admin)).map((row) => row.shortcut)).toEqual(['a', 'b', 'c', 'hi']);
  });

  it('keeps a checked upload as the picture, and writes no reply whose upload was taken while it was written', async () => {
    const { port, kept } = pictures('up-2');
    const canned = await service(engine(), port);
    const withPicture = await canned.create(admin, { ...input('logo'), pictureId: 'up-1' });
    if (!withPicture.ok) throw new Error(withPicture.error.message);
    expect(kept.get(withPicture.data.id)).toBe('up-1');

    // up-2 passes the first check, then a message claims it before the reply is written.
    expect(await canned.create(admin, { ...input('late'), pictureId: 'up-2' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await canned.list(admin)).map((row) => row.shortcut)).toEqual(['logo']);
    // Removing the picture is no upload to check.
    expect(await canned.update(admin, withPicture.data.id, { pictureId: null })).toMatchObject({ ok: true });
    expect(kept.has(withPicture.data.id)).toBe(false);
  });

  it('keeps a product of the site’s catalogue by its URL there, refuses one it lacks, and keeps one it has since let go', async () => {
    const { port, stocked } = catalogue();
    const canned = await service(engine(), pictures().port, port);
    const shown = async (actor: CannedActor) => canned.present(actor.siteId, await canned.list(actor));
    const made = await canned.create(admin, { ...input('jersei'), productUrl: `${JERSEY.url}&utm_source=mail` });
    if (!made.ok) throw new Error(made.error.message);
    // Stored as the catalogue names it, shown with its card.
    expect(made.data.productUrl).toBe(JERSEY.url);
    expect(await shown(agent)).toMatchObject([{ shortcut: 'jersei', productUrl: JERSEY.url, product: JERSEY }]);

    // A product the catalogue lacks is not found, and nothing is written.
    const unknown = 'https://shop.example/p/nowhere';
    expect(await canned.create(admin, { ...input('nowhere'), productUrl: unknown })).toEqual(
      fail('not_found', 'No such product in the shop’s catalogue'),
    );
    expect(await canned.update(admin, made.data.id, { title: 'Changed', productUrl: unknown })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect((await canned.list(admin)).map((row) => [row.shortcut, row.title, row.productUrl])).toEqual([
      ['jersei', 'Title jersei', JERSEY.url],
    ]);
    // Another site asking for the same page's product finds none.
    const other = await canned.create({ ...admin, siteId: 'site-b' }, { ...input('jersei'), productUrl: JERSEY.url });
    expect(other).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // The catalogue let it go: the reply keeps it through other changes, and is shown without a card.
    stocked.clear();
    expect(await canned.update(admin, made.data.id, { title: 'Still', productUrl: JERSEY.url })).toMatchObject({ ok: true });
    const [kept] = await shown(admin);
    expect(kept).toMatchObject({ title: 'Still', productUrl: JERSEY.url });
    expect(kept?.product).toBeUndefined();
    // Null removes it.
    expect(await canned.update(admin, made.data.id, { productUrl: null })).toMatchObject({ ok: true, data: { productUrl: null } });

    // An import refuses, by position, a row whose product the catalogue lacks.
    stocked.add(JERSEY.url);
    const imported = await canned.createMany(admin, [
      { ...input('a'), productUrl: JERSEY.url },
      { ...input('b'), productUrl: unknown },
    ]);
    expect(imported).toEqual({ added: 1, refused: [{ index: 1, message: 'No such product in the shop’s catalogue' }] });
    expect((await canned.list(admin)).find((row) => row.shortcut === 'a')?.productUrl).toBe(JERSEY.url);
  });
});
