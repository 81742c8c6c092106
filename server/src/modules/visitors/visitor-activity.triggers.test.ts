import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CartUpdated, PageViewed } from '@mostrador/shared';
import type { App } from '../../app.ts';
import { buildTestApp } from '../../testing/harness.ts';
import { activityRepository } from './activity.module.ts';
import { quietActivityPorts } from './activity-ports.fixtures.ts';
import type { VisitorRow } from './visitors.repository.ts';
import { VisitorActivity } from './visitor-activity.service.ts';

/* What the server's trigger evaluation reads of a tab, over the real database; the ports to other modules do nothing. */

const T0 = Date.parse('2026-12-01T10:00:00Z');

let app: App;
let cleanup: () => Promise<void>;
let activity: VisitorActivity;
/** The activity's repository, on the test app's engine. */
let repo: ReturnType<typeof activityRepository>;
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
  repo = activityRepository(app.engine);
  activity = new VisitorActivity(app.services.visitors, repo, app.committer, quietActivityPorts());
});

/** A tab connecting, as the handshake does it: the arrival read first. */
async function connect(socketId: string, visitor: VisitorRow): Promise<void> {
  activity.connected(socketId, await activity.arrival(visitor), null);
}

afterEach(async () => {
  await activity.close();
  vi.useRealTimers();
  await cleanup();
});

describe('what the trigger rules read about a tab', () => {
  it('its own page, the visit’s landing page, and the cart’s SKUs and checkout since it began', async () => {
    const visitor = (await app.services.visitors.identify(siteId, undefined)).visitor;
    await connect('tab-1', visitor);
    await connect('tab-2', visitor);
    expect(activity.triggerFacts('tab-1', visitor.id)).toMatchObject({
      page: null,
      pagesViewed: 0,
      cart: null,
      checkoutSince: null,
      landing: null,
    });

    activity.pageViewed('tab-1', siteId, visitor.id, page('/?utm_source=news', 'https://search.example/q'));
    vi.setSystemTime(T0 + 5_000);
    activity.pageViewed('tab-2', siteId, visitor.id, page('/p/bag', 'https://shop.example/'));
    expect(activity.triggerFacts('tab-1', visitor.id)).toMatchObject({
      page: { url: 'https://shop.example/?utm_source=news', startedAt: T0, product: null },
      pagesViewed: 2,
      landing: { url: 'https://shop.example/?utm_source=news', referrer: 'https://search.example/q' },
    });
    expect(activity.triggerFacts('tab-2', visitor.id)?.page).toMatchObject({
      url: 'https://shop.example/p/bag',
      startedAt: T0 + 5_000,
    });

    await activity.cartUpdated(siteId, visitor.id, cart('browsing'));
    expect(activity.triggerFacts('tab-1', visitor.id)).toMatchObject({
      cart: { total: 40, currency: 'EUR', items: 4, skus: ['BAG', 'CAP'] },
      checkoutSince: null,
    });
    vi.setSystemTime(T0 + 10_000);
    await activity.cartUpdated(siteId, visitor.id, cart('checkout'));
    // A change while in checkout does not restart its clock.
    vi.setSystemTime(T0 + 20_000);
    await activity.cartUpdated(siteId, visitor.id, cart('checkout', ['BAG']));
    expect(activity.triggerFacts('tab-1', visitor.id)).toMatchObject({ cart: { skus: ['BAG'] }, checkoutSince: T0 + 10_000 });
    await activity.cartUpdated(siteId, visitor.id, cart('purchase', ['BAG']));
    expect(activity.triggerFacts('tab-1', visitor.id)).toMatchObject({ cart: null, checkoutSince: null });
  });

  it('reads the landing page once, when the visitor arrives, for a visit this server’s list did not see begin', async () => {
    const visitor = (await app.services.visitors.identify(siteId, undefined)).visitor;
    await repo.insertPageViews([
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
    const visitSince = vi.spyOn(repo, 'visitSince');
    await connect('tab-1', visitor);
    activity.pageViewed('tab-1', siteId, visitor.id, page('/p/3', 'https://shop.example/p/2'));
    expect(activity.triggerFacts('tab-1', visitor.id)?.landing).toEqual({
      url: 'https://shop.example/?utm_campaign=dec',
      referrer: 'https://ads.example/',
    });
    expect(activity.triggerFacts('tab-1', visitor.id)?.landing?.referrer).toBe('https://ads.example/');
    expect(visitSince).toHaveBeenCalledTimes(1);
    // Another site's visitor is nobody here.
    expect(activity.triggerFacts('tab-1', 'vis_nobody')).toBeNull();
  });

  it('goes on with a page reported again on a new connection: not another page of the visit, open since it first was', async () => {
    const visitor = (await app.services.visitors.identify(siteId, undefined)).visitor;
    await connect('tab-1', visitor);
    activity.pageViewed('tab-1', siteId, visitor.id, page('/p/bag'));
    activity.disconnected('tab-1', siteId, visitor.id);
    vi.setSystemTime(T0 + 40_000);
    await connect('tab-1b', visitor);
    activity.pageViewed('tab-1b', siteId, visitor.id, { ...page('/p/bag'), resumed: { ms: 40_000, invited: true } });
    expect(activity.triggerFacts('tab-1b', visitor.id)).toMatchObject({
      page: { url: 'https://shop.example/p/bag', startedAt: T0 },
      pagesViewed: 1,
      chatting: false,
    });
    activity.pageViewed('tab-1b', siteId, visitor.id, page('/p/cap'));
    expect(activity.triggerFacts('tab-1b', visitor.id)).toMatchObject({ pagesViewed: 2 });
  });
});
