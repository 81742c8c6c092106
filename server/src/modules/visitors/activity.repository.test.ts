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
  it('writes a batch larger than one statement can bind (a shutdown with thousands of open pages)', () => {
    const site = app.services.sites.create({ name: 'Shop', allowedOrigins: [] });
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
