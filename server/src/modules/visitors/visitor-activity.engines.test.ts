import { afterEach, expect, it } from 'vitest';
import type { CartUpdated, PageViewed } from '@mostrador/shared';
import { committerOn, describeOnEngines, insertSite } from '../../testing/engines.ts';
import { activityRepository } from './activity.module.ts';
import { quietActivityPorts } from './activity-ports.fixtures.ts';
import { identityHash } from './identity-hash.ts';
import { VisitorActivity } from './visitor-activity.service.ts';
import { visitorsRepository } from './visitors.module.ts';
import { VisitorsService } from './visitors.service.ts';

/* The activity service over each engine's repositories: what a widget's tab does, end to end below the socket. */

const page = (path: string): PageViewed => ({ url: `https://shop.example${path}`, title: path, referrer: 'https://search.example/' });
const cart = (qty: number, stage: CartUpdated['stage'] = 'browsing'): CartUpdated => ({
  cart: { items: [{ sku: 'CAP', name: 'Gorra', qty, price: 15, url: null, image: null }], total: 15 * qty, currency: 'EUR' },
  stage,
  source: 'manual',
});

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let activity: VisitorActivity | undefined;
afterEach(async () => {
  await activity?.close();
  activity = undefined;
});

describeOnEngines('the visitors’ activity', (engine) => {
  async function shop() {
    await insertSite(engine(), 'site-a');
    const visitors = new VisitorsService(visitorsRepository(engine()));
    await visitors.load();
    const repo = activityRepository(engine());
    const errors: unknown[] = [];
    const stages: string[] = [];
    activity = new VisitorActivity(
      visitors,
      repo,
      committerOn(engine()),
      quietActivityPorts({
        cartStageReached: (_siteId, _visitorId, stage) => stages.push(stage),
        log: (error) => errors.push(error),
      }),
      { leaveGraceMs: 10_000, listFlushMs: 5, pageViewFlushMs: 5, profilePushMs: 5 },
    );
    return { visitors, repo, activity, errors, stages };
  }

  it('lists an arriving tab, writes its trail and cart, and reads them back for the profile and the next arrival', async () => {
    const { visitors, repo, activity, errors, stages } = await shop();
    const { visitor, token } = await visitors.identify('site-a', undefined);
    activity.connected('tab-1', await activity.arrival(visitor), null);
    expect(activity.liveList('site-a')).toMatchObject([{ id: visitor.id, pagesViewed: 0, cart: null }]);
    activity.pageViewed('tab-1', 'site-a', visitor.id, page('/a'));
    activity.pageViewed('tab-1', 'site-a', visitor.id, page('/b'));
    expect(await activity.cartUpdated('site-a', visitor.id, cart(2, 'checkout'))).toEqual({ ok: true, data: null });
    expect(stages).toEqual(['checkout']);
    activity.disconnected('tab-1', 'site-a', visitor.id);
    await until(async () => (await repo.visitSince('site-a', visitor.id, 0)).pagesViewed === 2, 'the trail written');

    const profile = await activity.profile(visitor.id, 'site-a');
    expect(profile.ok && profile.data.trail.map((p) => p.title)).toEqual(['/b', '/a']);
    expect(profile.ok && [profile.data.cartStage, profile.data.cartHistory.map((c) => c.change)]).toEqual([
      'checkout',
      ['checkout', 'added'],
    ]);
    expect(await activity.whereabouts('site-a', visitor.id)).toMatchObject({ label: visitor.label, online: true });
    expect(await activity.whereabouts('site-b', visitor.id)).toBeNull();

    // After the list let it go (a restart here), the next arrival reads the visit so far, its landing page and cart.
    activity.forget([visitor.id]);
    const back = await visitors.identify('site-a', token);
    activity.connected('tab-2', await activity.arrival(back.visitor), null);
    expect(activity.liveList('site-a')).toMatchObject([{ id: visitor.id, pagesViewed: 2, cart: { total: 30, items: 2 } }]);
    expect(activity.triggerFacts('tab-2', visitor.id)).toMatchObject({
      landing: { url: 'https://shop.example/a', referrer: 'https://search.example/' },
      cart: { skus: ['CAP'] },
    });
    expect(errors).toEqual([]);
  });

  it('shows a verified identity at once, and keeps it in memory for the callers that ask synchronously', async () => {
    const { visitors, activity } = await shop();
    const { visitor } = await visitors.identify('site-a', undefined);
    activity.connected('tab-1', await activity.arrival(visitor), null);
    const claim = { id: 'c-1', name: 'Anna', email: 'anna@example.com', hash: identityHash('s3cret', 'c-1') };
    const identity = { customerId: 'c-1', name: 'Anna', email: 'anna@example.com', verified: true };
    const settings = { identitySecret: 's3cret', identityEnforced: false };
    expect(await activity.identify('site-a', visitor.id, settings, claim)).toEqual({ ok: true, data: { identity } });
    expect(activity.liveList('site-a')[0]?.identity).toEqual(identity);
    expect(visitors.verifiedIdentity('site-a', visitor.id)).toEqual(identity);
    const profile = await activity.profile(visitor.id, 'site-a');
    expect(profile.ok && profile.data.identity).toEqual(identity);
  });

  it('writes the pages still open at shutdown', async () => {
    const { visitors, repo, activity } = await shop();
    const { visitor } = await visitors.identify('site-a', undefined);
    activity.connected('tab-1', await activity.arrival(visitor), null);
    activity.pageViewed('tab-1', 'site-a', visitor.id, page('/open'));
    await activity.close();
    expect((await repo.recentPageViews('site-a', [visitor.id], 5)).map((v) => v.title)).toEqual(['/open']);
  });
});
