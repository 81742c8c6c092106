import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CartUpdated, PageViewed } from '@mostrador/shared';
import type { App } from '../../app.ts';
import { buildTestApp } from '../../testing/harness.ts';
import { ActivityRepository } from './activity.repository.ts';
import { VisitorActivity } from './visitor-activity.service.ts';

/* What the server's trigger evaluation reads of a tab, over the real database; the ports to other modules do nothing. */

const T0 = Date.parse('2026-12-01T10:00:00Z');

let app: App;
let cleanup: () => Promise<void>;
let activity: VisitorActivity;
let siteId: string;

const page = (path: string, referrer = ''): PageViewed => ({ url: `https://shop.example${path}`, title: path, referrer });
const cart = (stage: CartUpdated['stage'], skus = ['BAG', 'CAP']): CartUpdated => ({
  cart: {
    items: skus.map((sku) => ({ sku, name: sku, qty: 2, price: 10, url: null, image: null })),
    total: 20 * skus.length,
    currency: 'EUR',
  },
  stage,
  source: 'manual',
});

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  ({ app, cleanup } = await buildTestApp());
  siteId = (await app.services.sites.create({ name: 'Botiga', allowedOrigins: [] })).id;
  activity = new VisitorActivity(app.services.visitors, new ActivityRepository(app.db), app.groupCommit, {
    conversationsOf: async () => [],
    filesOf: async () => [],
    listChanged: () => {},
    hasFollowers: () => false,
    profileChanged: () => {},
    cartStageReached: () => {},
    visitorLeft: () => {},
    visitorArrived: () => {},
    log: () => {},
  });
});

afterEach(async () => {
  activity.close();
  vi.useRealTimers();
  await cleanup();
});

describe('what the trigger rules read about a tab', () => {
  it('its own page, the visit’s landing page, and the cart’s SKUs and checkout since it began', async () => {
    const visitor = app.services.visitors.identify(siteId, undefined).visitor;
    activity.connected('tab-1', visitor, null);
    activity.connected('tab-2', visitor, null);
    expect(activity.triggerFacts('tab-1', visitor.id, true)).toMatchObject({
      page: null,
      pagesViewed: 0,
      cart: null,
      checkoutSince: null,
      landing: null,
    });

    activity.pageViewed('tab-1', siteId, visitor.id, page('/?utm_source=news', 'https://search.example/q'));
    vi.setSystemTime(T0 + 5_000);
    activity.pageViewed('tab-2', siteId, visitor.id, page('/p/bag', 'https://shop.example/'));
    expect(activity.triggerFacts('tab-1', visitor.id, true)).toMatchObject({
      page: { url: 'https://shop.example/?utm_source=news', startedAt: T0, product: null },
      pagesViewed: 2,
      landing: { url: 'https://shop.example/?utm_source=news', referrer: 'https://search.example/q' },
    });
    expect(activity.triggerFacts('tab-2', visitor.id, true)?.page).toMatchObject({
      url: 'https://shop.example/p/bag',
      startedAt: T0 + 5_000,
    });

    await activity.cartUpdated(siteId, visitor.id, cart('browsing'));
    expect(activity.triggerFacts('tab-1', visitor.id, true)).toMatchObject({
      cart: { total: 40, currency: 'EUR', items: 4, skus: ['BAG', 'CAP'] },
      checkoutSince: null,
    });
    vi.setSystemTime(T0 + 10_000);
    await activity.cartUpdated(siteId, visitor.id, cart('checkout'));
    // A change while in checkout does not restart its clock.
    vi.setSystemTime(T0 + 20_000);
    await activity.cartUpdated(siteId, visitor.id, cart('checkout', ['BAG']));
    expect(activity.triggerFacts('tab-1', visitor.id, true)).toMatchObject({ cart: { skus: ['BAG'] }, checkoutSince: T0 + 10_000 });
    await activity.cartUpdated(siteId, visitor.id, cart('purchase', ['BAG']));
    expect(activity.triggerFacts('tab-1', visitor.id, true)).toMatchObject({ cart: null, checkoutSince: null });
  });

  it('looks up the landing page once for a visit this server’s list did not see begin', () => {
    const visitor = app.services.visitors.identify(siteId, undefined).visitor;
    const repo = new ActivityRepository(app.db);
    repo.insertPageViews([
      {
        visitorId: visitor.id,
        url: 'https://shop.example/old',
        title: 'Old',
        referrer: 'https://before.example/',
        product: null,
        startedAt: T0 - 5,
        seconds: 1,
      },
      {
        visitorId: visitor.id,
        url: 'https://shop.example/?utm_campaign=dec',
        title: 'Home',
        referrer: 'https://ads.example/',
        product: null,
        startedAt: T0,
        seconds: 1,
      },
      {
        visitorId: visitor.id,
        url: 'https://shop.example/p/2',
        title: 'Two',
        referrer: 'https://shop.example/',
        product: null,
        startedAt: T0 + 1,
        seconds: 1,
      },
    ]);
    activity.connected('tab-1', visitor, null);
    activity.pageViewed('tab-1', siteId, visitor.id, page('/p/3', 'https://shop.example/p/2'));
    const firstPage = vi.spyOn(ActivityRepository.prototype, 'firstPageSince');
    expect(activity.triggerFacts('tab-1', visitor.id, true)?.landing).toEqual({
      url: 'https://shop.example/?utm_campaign=dec',
      referrer: 'https://ads.example/',
    });
    expect(activity.triggerFacts('tab-1', visitor.id, true)?.landing?.referrer).toBe('https://ads.example/');
    expect(firstPage).toHaveBeenCalledTimes(1);
    // Another site's visitor is nobody here.
    expect(activity.triggerFacts('tab-1', 'vis_nobody', true)).toBeNull();
  });

  it('goes on with a page reported again on a new connection: not another page of the visit, open since it first was', () => {
    const visitor = app.services.visitors.identify(siteId, undefined).visitor;
    activity.connected('tab-1', visitor, null);
    activity.pageViewed('tab-1', siteId, visitor.id, page('/p/bag'));
    activity.disconnected('tab-1', siteId, visitor.id);
    vi.setSystemTime(T0 + 40_000);
    activity.connected('tab-1b', visitor, null);
    activity.pageViewed('tab-1b', siteId, visitor.id, { ...page('/p/bag'), resumed: { ms: 40_000, invited: true } });
    expect(activity.triggerFacts('tab-1b', visitor.id, false)).toMatchObject({
      page: { url: 'https://shop.example/p/bag', startedAt: T0 },
      pagesViewed: 1,
      chatting: false,
    });
    activity.pageViewed('tab-1b', siteId, visitor.id, page('/p/cap'));
    expect(activity.triggerFacts('tab-1b', visitor.id, false)).toMatchObject({ pagesViewed: 2 });
  });
});
