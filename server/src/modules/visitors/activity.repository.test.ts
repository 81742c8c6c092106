import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp } from '../../testing/harness.ts';
import { ActivityRepository } from './activity.repository.ts';

let app: App;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
});
afterEach(() => cleanup());

describe('page views', () => {
  it('writes a batch larger than one statement can bind (a shutdown with thousands of open pages)', async () => {
    const site = await app.services.sites.create({ name: 'Shop', allowedOrigins: [] });
    const visitor = app.services.visitors.identify(site.id, undefined).visitor;
    const repo = new ActivityRepository(app.db);
    const views = Array.from({ length: 5000 }, (_, i) => ({
      visitorId: visitor.id,
      url: `https://shop.example/p/${i}`,
      title: `Product ${i}`,
      referrer: '',
      product: null,
      startedAt: 1_000 + i,
      seconds: 3,
    }));
    repo.insertPageViews(views);
    expect(repo.pageViewsSince(site.id, visitor.id, 0)).toBe(5000);
    expect(repo.recentPageViews(site.id, [visitor.id], 2).map((v) => v.title)).toEqual(['Product 4999', 'Product 4998']);
  });
});

describe('cart history', () => {
  it('reads back each change as written, its item with name and SKU or none, newest first, and only the site’s own', async () => {
    const site = await app.services.sites.create({ name: 'Shop', allowedOrigins: [] });
    const other = await app.services.sites.create({ name: 'Other', allowedOrigins: [] });
    const visitor = app.services.visitors.identify(site.id, undefined).visitor;
    const repo = new ActivityRepository(app.db);
    const cart = { items: [], total: 0, currency: 'EUR' };
    const changes = [
      { at: 1_000, change: 'added' as const, item: { name: 'Jaqueta M', sku: 'JQ-M' }, qty: 2, total: 84, currency: 'EUR' },
      { at: 2_000, change: 'added' as const, item: { name: 'Motxilla', sku: null }, qty: 1, total: 120, currency: 'EUR' },
      { at: 3_000, change: 'checkout' as const, item: null, qty: null, total: 120, currency: 'EUR' },
    ];
    repo.saveCart(visitor.id, cart, 'checkout', 3_000, changes);
    expect(repo.cartHistory(site.id, visitor.id, 10)).toEqual([...changes].reverse());
    expect(repo.cartHistory(site.id, visitor.id, 1)).toEqual([changes[2]]);
    expect(repo.cartOf(site.id, visitor.id)).toMatchObject({ stage: 'checkout', updatedAt: 3_000 });
    // Another site asking for this visitor finds nothing, as for a visitor that does not exist.
    expect(repo.cartHistory(other.id, visitor.id, 10)).toEqual([]);
    expect(repo.cartOf(other.id, visitor.id)).toBeUndefined();
    expect(repo.pageViewsSince(other.id, visitor.id, 0)).toBe(0);
  });
});
