import { expect, it } from 'vitest';
import type { Product } from '@mostrador/shared';
import { andThen } from '../../db/committer.ts';
import type { Engine } from '../../db/engine.ts';
import { committerOn, describeOnEngines, insertSite, insertVisitor } from '../../testing/engines.ts';
import { activityRepository } from './activity.module.ts';
import { type ActivityRepository, CATALOGUE_MAX, type EndedPageView } from './activity.repository.ts';

/** Sites a and b; visitors v1 and v2 on a, v3 on b. */
async function twoShops(engine: Engine): Promise<void> {
  await insertSite(engine, 'site-a');
  await insertSite(engine, 'site-b');
  await insertVisitor(engine, 'site-a', 'v1');
  await insertVisitor(engine, 'site-a', 'v2');
  await insertVisitor(engine, 'site-b', 'v3');
}

const view = (visitorId: string, path: string, startedAt: number, extra: Partial<EndedPageView> = {}): EndedPageView => ({
  visitorId,
  url: `https://shop.example${path}`,
  title: path,
  referrer: '',
  product: null,
  startedAt,
  seconds: 3,
  ...extra,
});

const product = (name: string, sku: string | null, price = 10): Product => ({
  name,
  sku,
  price,
  currency: 'EUR',
  image: null,
  availability: null,
});

const DAY = 86_400_000;

/** The site's product at one page's URL, if its catalogue has it. */
const catalogProduct = async (repo: ActivityRepository, siteId: string, url: string) => (await repo.catalogProducts(siteId, [url]))[0];

describeOnEngines('the activity repository', (engine) => {
  it('writes a batch larger than one statement binds (a shutdown with thousands of open pages), in a step or on its own', async () => {
    await twoShops(engine());
    const repo = activityRepository(engine());
    const views = Array.from({ length: 2500 }, (_, i) =>
      view('v1', `/p/${i}`, 1_000 + i, { referrer: i === 0 ? 'https://ads.example/' : '' }),
    );
    await committerOn(engine()).run((tx) => repo.insertPageViewsInTx(tx, views));
    await repo.insertPageViews([view('v2', '/alone', 5_000)]);
    expect(await repo.visitSince('site-a', 'v1', 0)).toEqual({
      pagesViewed: 2500,
      landing: { url: 'https://shop.example/p/0', referrer: 'https://ads.example/' },
    });
    expect(await repo.visitSince('site-a', 'v1', 3_000)).toEqual({
      pagesViewed: 500,
      landing: { url: 'https://shop.example/p/2000', referrer: '' },
    });
    expect(await repo.visitSince('site-a', 'v2', 0)).toMatchObject({ pagesViewed: 1 });
    const recent = await repo.recentPageViews('site-a', ['v1', 'v2'], 2);
    expect(recent.map((v) => v.title)).toEqual(['/alone', '/p/2499']);
    // Another site asking for these visitors finds nothing, as for visitors that do not exist.
    expect(await repo.recentPageViews('site-b', ['v1', 'v2'], 2)).toEqual([]);
    expect(await repo.visitSince('site-b', 'v1', 0)).toEqual({ pagesViewed: 0, landing: null });
  });

  it('a failed step writes no page view', async () => {
    await twoShops(engine());
    const repo = activityRepository(engine());
    const failed = committerOn(engine()).run((tx) =>
      andThen(repo.insertPageViewsInTx(tx, [view('v1', '/a', 1_000)]), () => {
        throw new Error('the step failed');
      }),
    );
    await expect(failed).rejects.toThrow('the step failed');
    expect(await repo.visitSince('site-a', 'v1', 0)).toEqual({ pagesViewed: 0, landing: null });
  });

  it('keeps the products of catalogue pages per site, by their product address, as last seen, and finds them by name or SKU', async () => {
    await twoShops(engine());
    const repo = activityRepository(engine());
    const committer = committerOn(engine());
    const write = (views: EndedPageView[]) => committer.run((tx) => repo.insertPageViewsInTx(tx, views));
    await write([
      view('v1', '/jacket?variant=7&utm_source=mail#top', 3 * DAY + 5, { product: product('Jaqueta 100%', 'JQ_M', 84), catalogue: true }),
      view('v2', '/cap', 2 * DAY, { product: product('Gorra', 'CAP'), catalogue: true }),
      // Not on the shop's origin: shown in the trail, kept out of the catalogue.
      view('v1', '/forged', 2 * DAY, { product: product('Forged', 'X'), catalogue: false }),
      view('v3', '/jacket?variant=7', 1 * DAY, { product: product('Other shop jacket', 'JQ'), catalogue: true }),
    ]);
    // An older sighting (a late batch) does not replace a newer one.
    await write([view('v2', '/jacket?variant=7', 1 * DAY, { product: product('Old name', 'JQ_M', 70), catalogue: true })]);

    expect(await catalogProduct(repo, 'site-a', 'https://shop.example/jacket?variant=7&fbclid=1')).toEqual({
      name: 'Jaqueta 100%',
      url: 'https://shop.example/jacket?variant=7',
      price: 84,
      currency: 'EUR',
      image: null,
      sku: 'JQ_M',
    });
    expect(await catalogProduct(repo, 'site-a', 'https://shop.example/forged')).toBeUndefined();
    expect((await catalogProduct(repo, 'site-b', 'https://shop.example/jacket?variant=7'))?.name).toBe('Other shop jacket');
    expect(await catalogProduct(repo, 'site-b', 'https://shop.example/cap')).toBeUndefined();

    const names = async (siteId: string, words: string) => (await repo.searchCatalog(siteId, words, 10)).map((p) => p.name);
    // ASCII case aside, most recently seen first; % and _ are taken literally.
    expect(await names('site-a', 'a')).toEqual(['Jaqueta 100%', 'Gorra']);
    expect(await names('site-a', 'JAQ')).toEqual(['Jaqueta 100%']);
    expect(await names('site-a', 'cap')).toEqual(['Gorra']);
    expect(await names('site-a', '0%')).toEqual(['Jaqueta 100%']);
    expect(await names('site-a', 'Q_')).toEqual(['Jaqueta 100%']);
    expect(await names('site-a', 'C_P')).toEqual([]);
    expect(await names('site-a', 'other')).toEqual([]);
    expect(await repo.searchCatalog('site-a', 'a', 1)).toHaveLength(1);
  });

  it('reads many products at once by their pages’ URLs, and stocks a shop’s own without replacing what pages showed', async () => {
    await twoShops(engine());
    const repo = activityRepository(engine());
    await committerOn(engine()).run((tx) =>
      repo.insertPageViewsInTx(tx, [view('v1', '/cap', 2 * DAY, { product: product('Gorra', 'CAP', 15), catalogue: true })]),
    );
    const stocked = (path: string, name: string) => ({
      name,
      url: `https://shop.example${path}`,
      price: 119,
      currency: 'EUR',
      image: 'https://shop.example/img/bag.svg',
      sku: 'BAG',
    });
    // The demo shop stocks its products: a new one is kept as seen that day; one its pages showed stays as they showed it.
    await repo.stockCatalog('site-a', [stocked('/bag?utm_source=x', 'Motxilla'), stocked('/cap', 'Stocked cap')], 5 * DAY + 7);
    await repo.stockCatalog('site-a', [], 5 * DAY);
    const found = await repo.catalogProducts('site-a', [
      'https://shop.example/bag#top',
      'https://shop.example/cap?fbclid=1',
      'https://shop.example/cap',
      'https://shop.example/missing',
    ]);
    expect(found.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'Gorra', url: 'https://shop.example/cap', price: 15, currency: 'EUR', image: null, sku: 'CAP' },
      { ...stocked('/bag', 'Motxilla') },
    ]);
    expect(await repo.searchCatalog('site-a', 'motx', 10)).toHaveLength(1);
    // Another site's catalogue has none of them, and asking for nothing reads nothing.
    expect(await repo.catalogProducts('site-b', ['https://shop.example/bag', 'https://shop.example/cap'])).toEqual([]);
    expect(await repo.catalogProducts('site-a', [])).toEqual([]);
  });

  it('keeps at most CATALOGUE_MAX products per site, letting the least recently seen go', async () => {
    await twoShops(engine());
    const repo = activityRepository(engine());
    const shown = Array.from({ length: CATALOGUE_MAX + 1 }, (_, i) =>
      view('v1', `/p/${i}`, (i + 1) * DAY, { product: product(`Product ${i}`, `SKU-${i}`), catalogue: true }),
    );
    await committerOn(engine()).run((tx) => repo.insertPageViewsInTx(tx, shown));
    await repo.insertPageViews([view('v3', '/p/0', DAY, { product: product('Other shop', 'X'), catalogue: true })]);
    expect(await catalogProduct(repo, 'site-a', 'https://shop.example/p/0')).toBeUndefined();
    expect(await catalogProduct(repo, 'site-a', 'https://shop.example/p/1')).toMatchObject({ name: 'Product 1' });
    expect(await repo.searchCatalog('site-a', 'Product', 1)).toMatchObject([{ name: `Product ${CATALOGUE_MAX}` }]);
    // Another site's catalogue is bounded on its own.
    expect(await catalogProduct(repo, 'site-b', 'https://shop.example/p/0')).toMatchObject({ name: 'Other shop' });
  });

  it('keeps the cart and its history, reads back each change as written, newest first, and only the site’s own', async () => {
    await twoShops(engine());
    const repo = activityRepository(engine());
    const committer = committerOn(engine());
    const cart = { items: [], total: 0, currency: 'EUR' };
    const changes = [
      { at: 1_000, change: 'added' as const, item: { name: 'Jaqueta M', sku: 'JQ-M' }, qty: 2, total: 84, currency: 'EUR' },
      { at: 2_000, change: 'added' as const, item: { name: 'Motxilla', sku: null }, qty: 1, total: 120, currency: 'EUR' },
      { at: 3_000, change: 'checkout' as const, item: null, qty: null, total: 120, currency: 'EUR' },
    ];
    const ga4 = { pages: [['page00001', 2]] as [string, number][], purchases: [] };
    await committer.run((tx) => repo.saveCartInTx(tx, 'v1', cart, 'checkout', 3_000, changes, ga4));
    expect(await repo.cartHistory('site-a', 'v1', 10)).toEqual({ changes: [...changes].reverse(), lastPurchase: null });
    expect((await repo.cartHistory('site-a', 'v1', 1)).changes).toEqual([changes[2]]);
    expect(await repo.cartOf('site-a', 'v1')).toMatchObject({ stage: 'checkout', updatedAt: 3_000, ga4 });
    // A cart read another way keeps the GA4 progress stored; the progress alone moves on.
    await committer.run((tx) => repo.saveCartInTx(tx, 'v1', { ...cart, total: 5 }, 'browsing', 4_000, []));
    const later = { pages: [['page00001', 5]] as [string, number][], purchases: ['T1'] };
    await committer.run((tx) => repo.saveGa4ProgressInTx(tx, 'v1', later));
    expect(await repo.cartOf('site-a', 'v1')).toMatchObject({ cart: { total: 5 }, stage: 'browsing', updatedAt: 4_000, ga4: later });
    expect(await committer.run((tx) => repo.cartForWriteInTx(tx, 'site-a', 'v1'))).toMatchObject({ updatedAt: 4_000 });
    // Another site asking for this visitor finds nothing, as for a visitor that does not exist.
    expect(await repo.cartHistory('site-b', 'v1', 10)).toEqual({ changes: [], lastPurchase: null });
    expect(await repo.cartOf('site-b', 'v1')).toBeUndefined();
    expect(await committer.run((tx) => repo.cartForWriteInTx(tx, 'site-b', 'v1'))).toBeUndefined();
    expect(await repo.cartOf('site-a', 'v2')).toBeUndefined();
  });

  it('keeps a purchase’s order number, and reads the newest purchase with the history even when it is older than the steps read', async () => {
    await twoShops(engine());
    const repo = activityRepository(engine());
    const committer = committerOn(engine());
    const cart = { items: [], total: 0, currency: 'EUR' };
    const step = (at: number, change: 'added' | 'purchase', order?: string | null) => ({
      at,
      change,
      item: change === 'added' ? { name: 'Gorra', sku: 'CAP' } : null,
      qty: change === 'added' ? 1 : null,
      total: 15,
      currency: 'EUR',
      ...(order !== undefined && { order }),
    });
    const save = (visitorId: string, at: number, ...changes: ReturnType<typeof step>[]) =>
      committer.run((tx) => repo.saveCartInTx(tx, visitorId, cart, 'browsing', at, changes));
    await save('v1', 1_000, step(1_000, 'purchase', 'T_1041'));
    await save('v1', 2_000, step(2_000, 'purchase', 'T_1042'));
    await save('v1', 3_000, step(3_000, 'added'), step(3_000, 'added'), step(3_000, 'added'));
    await save('v2', 1_500, step(1_500, 'purchase', null));
    await save('v3', 4_000, step(4_000, 'purchase', 'T_OTHER'));

    const full = await repo.cartHistory('site-a', 'v1', 10);
    expect(full.changes.map((c) => [c.change, c.order])).toEqual([
      ['added', undefined],
      ['added', undefined],
      ['added', undefined],
      ['purchase', 'T_1042'],
      ['purchase', 'T_1041'],
    ]);
    expect(full.lastPurchase).toEqual(step(2_000, 'purchase', 'T_1042'));
    // Beyond the steps read, the newest purchase still comes back, and only it.
    expect(await repo.cartHistory('site-a', 'v1', 2)).toEqual({
      changes: [step(3_000, 'added'), step(3_000, 'added')],
      lastPurchase: step(2_000, 'purchase', 'T_1042'),
    });
    expect((await repo.cartHistory('site-a', 'v2', 2)).lastPurchase).toEqual(step(1_500, 'purchase', null));
    expect(await repo.cartHistory('site-a', 'v3', 2)).toEqual({ changes: [], lastPurchase: null });
  });
});
