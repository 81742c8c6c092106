import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CartUpdated, PageViewed, VisitorProfile, VisitorsChanged } from '@mostrador/shared';
import type { App } from '../../app.ts';
import { identityHash } from './identity-hash.ts';
import { buildTestApp, sqlOn } from '../../testing/harness.ts';
import { activityRepository } from './activity.module.ts';
import { VisitorActivity } from './visitor-activity.service.ts';
import type { VisitorRow } from './visitors.repository.ts';

/*
 * The service over the real database and group commit; only the ports to
 * other modules (the console's rooms, conversations, triggers) are recorded.
 */

const T0 = Date.parse('2026-12-01T10:00:00Z');
const PUSH_MS = 20;

let app: App;
let cleanup: () => Promise<void>;
let activity: VisitorActivity;
let siteId: string;
let followers: Set<string>;
let pushed: VisitorProfile[];
let listed: VisitorsChanged[];
let stages: Array<[string, string, number]>;
let departures: Array<[string, number]>;
let arrivals: string[];
let errors: unknown[];

const page = (path: string, extra: Partial<PageViewed> = {}): PageViewed => ({
  url: `https://shop.example${path}`,
  title: path,
  referrer: '',
  markup: { jsonLd: [], meta: {} },
  ...extra,
});

const cart = (qtys: number[], stage: CartUpdated['stage'] = 'browsing'): CartUpdated => ({
  cart: {
    items: qtys.map((qty, i) => ({ sku: `SKU-${i}`, name: `Item ${i}`, qty, price: 10, url: null, image: null })),
    total: qtys.reduce((sum, qty) => sum + qty * 10, 0),
    currency: 'EUR',
  },
  stage,
  source: 'manual',
});

async function newVisitor(): Promise<VisitorRow> {
  return (await app.services.visitors.identify(siteId, undefined)).visitor;
}

/** A tab connecting, as the handshake does it: the arrival read first. */
async function connect(socketId: string, visitor: VisitorRow, openConversationId: string | null): Promise<void> {
  activity.connected(socketId, await activity.arrival(visitor), openConversationId);
}

const repository = () => activityRepository(app.engine);
const pagesOf = async (visitorId: string) => (await repository().visitSince(siteId, visitorId, 0)).pagesViewed;

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  ({ app, cleanup } = await buildTestApp());
  siteId = (await app.services.sites.create({ name: 'Botiga', allowedOrigins: [] })).id;
  followers = new Set();
  pushed = [];
  listed = [];
  stages = [];
  departures = [];
  arrivals = [];
  errors = [];
  activity = new VisitorActivity(
    app.services.visitors,
    repository(),
    app.committer,
    {
      conversationsOf: async () => [],
      filesOf: async () => [],
      listChanged: (_siteId, changes) => listed.push(changes),
      hasFollowers: (visitorId) => followers.has(visitorId),
      onlineElsewhere: () => false,
      profileChanged: (profile) => pushed.push(profile),
      cartStageReached: (_siteId, visitorId, stage, at) => stages.push([visitorId, stage, at]),
      visitorLeft: (_siteId, visitorId, at) => departures.push([visitorId, at]),
      visitorArrived: (_siteId, visitorId) => arrivals.push(visitorId),
      log: (error) => errors.push(error),
    },
    { leaveGraceMs: 10_000, listFlushMs: 5, pageViewFlushMs: 5, profilePushMs: PUSH_MS },
  );
});

afterEach(async () => {
  await activity.close();
  vi.useRealTimers();
  await cleanup();
});

describe('arrivals', () => {
  it('lists a returning visitor with its stored pages of this visit, cart and device', async () => {
    const visitor = await newVisitor();
    const repo = repository();
    await repo.insertPageViews([
      { visitorId: visitor.id, url: 'https://shop.example/old', title: 'Old', referrer: '', product: null, startedAt: T0 - 1, seconds: 1 },
      { visitorId: visitor.id, url: 'https://shop.example/a', title: 'A', referrer: '', product: null, startedAt: T0, seconds: 1 },
    ]);
    await app.committer.run((tx) => repo.saveCartInTx(tx, visitor.id, cart([2, 3]).cart, 'browsing', T0, []));
    await connect('tab-1', { ...visitor, visits: 2, device: null }, 'cnv-1');
    expect(activity.liveList(siteId)).toEqual([
      {
        id: visitor.id,
        label: visitor.label,
        identity: { customerId: null, name: null, email: null, verified: false },
        page: null,
        visitStartedAt: T0,
        pagesViewed: 1,
        cart: { total: 50, currency: 'EUR', items: 5 },
        conversationId: 'cnv-1',
        returning: true,
        device: { type: 'desktop', os: null, browser: null },
      },
    ]);
    expect(activity.visitInfo(visitor.id)).toEqual({ startedAt: T0, pagesViewed: 1, returning: true });
    const first = await newVisitor();
    await connect('tab-2', first, null);
    expect(activity.liveList(siteId).find((v) => v.id === first.id)).toMatchObject({ returning: false, cart: null, pagesViewed: 0 });
    // Only the visitor with an open conversation is announced as back (its ticket turns into a live chat).
    await connect('tab-3', { ...visitor, visits: 2, device: null }, 'cnv-1');
    expect(arrivals).toEqual([visitor.id]);
    expect(departures).toEqual([]);
  });

  it('shows no live cart once bought or emptied', async () => {
    const bought = await newVisitor();
    const emptied = await newVisitor();
    const repo = repository();
    await app.committer.run((tx) => repo.saveCartInTx(tx, bought.id, cart([1]).cart, 'purchase', T0, []));
    await app.committer.run((tx) => repo.saveCartInTx(tx, emptied.id, cart([]).cart, 'browsing', T0, []));
    await connect('tab-1', bought, null);
    await connect('tab-2', emptied, null);
    expect(activity.liveList(siteId).map((v) => v.cart)).toEqual([null, null]);
  });

  it('answers a fresh visit for a visitor not connected', () => {
    expect(activity.visitInfo('vis_nobody')).toEqual({ startedAt: T0, pagesViewed: 0, returning: false });
  });

  it('tells where a visitor is, only to its own site', async () => {
    const visitor = await newVisitor();
    expect(await activity.whereabouts(siteId, visitor.id)).toEqual({ siteId, label: visitor.label, online: false });
    await connect('tab-1', visitor, null);
    expect(await activity.whereabouts(siteId, visitor.id)).toEqual({ siteId, label: visitor.label, online: true });
    const other = (await app.services.sites.create({ name: 'Other', allowedOrigins: [] })).id;
    expect(await activity.whereabouts(other, visitor.id)).toBeNull();
  });
});

describe('pages', () => {
  it('refuses a page from a visitor who is not connected', () => {
    expect(activity.pageViewed('tab-1', siteId, 'vis_nobody', page('/a'))).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('writes the browser’s language and time zone only when they change', async () => {
    const visitor = await newVisitor();
    await connect('tab-1', visitor, null);
    const written = vi.spyOn(app.services.visitors, 'noteLocale');
    // The row once the writes started so far have ended (at once on SQLite, a moment later on PostgreSQL).
    const stored = async () => {
      await Promise.all(written.mock.results.map((result) => result.value));
      return app.services.visitors.byId(siteId, visitor.id);
    };
    activity.pageViewed('tab-1', siteId, visitor.id, page('/a', { language: 'ca-ES' }));
    expect(await stored()).toMatchObject({ language: 'ca-ES', timeZone: null });
    activity.pageViewed('tab-1', siteId, visitor.id, page('/b', { timeZone: 'Europe/Madrid' }));
    expect(await stored()).toMatchObject({ language: 'ca-ES', timeZone: 'Europe/Madrid' });
    // Changed behind the service's back: an unchanged report is not written again.
    await sqlOn(app.engine).run('UPDATE visitors SET language = ?, time_zone = ? WHERE id = ?', 'xx', 'yy', visitor.id);
    activity.pageViewed('tab-1', siteId, visitor.id, page('/c', { language: 'ca-ES', timeZone: 'Europe/Madrid' }));
    expect(await stored()).toMatchObject({ language: 'xx', timeZone: 'yy' });
    activity.pageViewed('tab-1', siteId, visitor.id, page('/d', { language: 'es-ES', timeZone: 'Europe/Madrid' }));
    expect(await stored()).toMatchObject({ language: 'es-ES' });
    expect(written).toHaveBeenCalledTimes(3);
    const profile = await activity.profile(visitor.id, siteId);
    expect(profile.ok && [profile.data.language, profile.data.timeZone]).toEqual(['es-ES', 'Europe/Madrid']);
  });

  it('puts the page in view first, then the ended ones newest first, each with its whole seconds', async () => {
    const visitor = await newVisitor();
    await connect('tab-1', visitor, null);
    activity.pageViewed('tab-1', siteId, visitor.id, page('/a'));
    vi.setSystemTime(T0 + 2_400);
    activity.pageViewed('tab-1', siteId, visitor.id, page('/b'));
    vi.setSystemTime(T0 + 2_400 + 1_600);
    activity.pageViewed('tab-1', siteId, visitor.id, page('/c'));
    const trail = async () => {
      const profile = await activity.profile(visitor.id, siteId);
      return profile.ok ? profile.data.trail.map((p) => [p.title, p.at, p.seconds]) : [];
    };
    const expected = [
      ['/c', T0 + 4_000, null],
      ['/b', T0 + 2_400, 2],
      ['/a', T0, 2],
    ];
    // Before the write (the ended pages are still pending) and after it, the same trail.
    expect(await trail()).toEqual(expected);
    await until(async () => (await pagesOf(visitor.id)) === 2, 'the page views written');
    expect(await trail()).toEqual(expected);
  });

  it('keeps the trail to its most recent fifty pages', async () => {
    const visitor = await newVisitor();
    await repository().insertPageViews(
      Array.from({ length: 60 }, (_, i) => ({
        visitorId: visitor.id,
        url: `https://shop.example/${i}`,
        title: `${i}`,
        referrer: '',
        product: null,
        startedAt: T0 - 60_000 + i,
        seconds: 1,
      })),
    );
    await connect('tab-1', visitor, null);
    activity.pageViewed('tab-1', siteId, visitor.id, page('/now'));
    const profile = await activity.profile(visitor.id, siteId);
    const titles = profile.ok ? profile.data.trail.map((p) => p.title) : [];
    expect(titles).toHaveLength(50);
    expect(titles.slice(0, 3)).toEqual(['/now', '59', '58']);
    expect(titles.at(-1)).toBe('11');
  });

  it('writes the open pages at shutdown, and records nothing after', async () => {
    const visitor = await newVisitor();
    await connect('tab-1', visitor, null);
    activity.pageViewed('tab-1', siteId, visitor.id, page('/a'));
    vi.setSystemTime(T0 + 7_499);
    await activity.close();
    const rows = () => sqlOn(app.engine).all('SELECT url, seconds FROM page_views WHERE visitor_id = ?', visitor.id);
    expect(await rows()).toEqual([{ url: 'https://shop.example/a', seconds: 7 }]);
    await connect('tab-2', visitor, null);
    activity.disconnected('tab-1', siteId, visitor.id);
    expect(await rows()).toHaveLength(1);
  });

  it('shows each visitor only its own pages not yet written', async () => {
    const anna = await newVisitor();
    const joan = await newVisitor();
    for (const [tab, v] of [
      ['tab-1', anna],
      ['tab-2', joan],
    ] as const) {
      await connect(tab, v, null);
      activity.pageViewed(tab, siteId, v.id, page(`/${tab}`));
      activity.pageViewed(tab, siteId, v.id, page(`/${tab}/next`));
    }
    // Read at once, before the writer's interval: the ended pages are still pending.
    const trail = async (id: string) => {
      const profile = await activity.profile(id, siteId);
      return profile.ok ? profile.data.trail.map((p) => p.title) : [];
    };
    expect(await trail(anna.id)).toEqual(['/tab-1/next', '/tab-1']);
    expect(await trail(joan.id)).toEqual(['/tab-2/next', '/tab-2']);
  });

  it('tells followers of the page a closed tab ended, once it is written', async () => {
    const visitor = await newVisitor();
    followers.add(visitor.id);
    await connect('tab-1', visitor, null);
    activity.pageViewed('tab-1', siteId, visitor.id, page('/a'));
    await until(() => pushed.length === 1, 'the arrival push');
    vi.setSystemTime(T0 + 3_000);
    activity.disconnected('tab-1', siteId, visitor.id);
    await until(() => pushed.length === 2, 'the push after the page was written');
    expect(pushed[1]!.trail.map((p) => [p.title, p.seconds])).toEqual([['/a', 3]]);
    expect(errors).toEqual([]);
  });

  it('reports a page view it could not write, and goes on', async () => {
    const gone = await newVisitor();
    const kept = await newVisitor();
    await connect('tab-1', gone, null);
    await connect('tab-2', kept, null);
    activity.pageViewed('tab-1', siteId, gone.id, page('/a'));
    // The visitor row vanishes under the open page: its page view cannot be stored.
    await sqlOn(app.engine).run('DELETE FROM visitors WHERE id = ?', gone.id);
    activity.disconnected('tab-1', siteId, gone.id);
    await until(() => errors.length === 1, 'the reported error');
    activity.pageViewed('tab-2', siteId, kept.id, page('/b'));
    activity.disconnected('tab-2', siteId, kept.id);
    await until(async () => (await pagesOf(kept.id)) === 1, 'the next page written');
    expect(errors).toHaveLength(1);
  });

  it('drops the unwritten pages of a forgotten visitor', async () => {
    const visitor = await newVisitor();
    const kept = await newVisitor();
    await connect('tab-1', visitor, null);
    await connect('tab-2', kept, null);
    // From the first page ended to the forgetting, nothing waits: both pages are still unwritten when it comes.
    for (const [tab, v] of [
      ['tab-1', visitor],
      ['tab-2', kept],
    ] as const) {
      activity.pageViewed(tab, siteId, v.id, page('/a'));
      activity.disconnected(tab, siteId, v.id);
    }
    activity.forget([visitor.id]);
    expect(activity.isOnline(visitor.id)).toBe(false);
    expect(activity.isOnline(kept.id)).toBe(true);
    await until(async () => (await pagesOf(kept.id)) === 1, 'the kept page');
    expect(await pagesOf(visitor.id)).toBe(0);
    // The writer found nothing of the forgotten visitor's to write, and no error either.
    activity.forget([kept.id]);
    await connect('tab-3', visitor, null);
    activity.pageViewed('tab-3', siteId, visitor.id, page('/b'));
    activity.disconnected('tab-3', siteId, visitor.id);
    activity.forget([visitor.id]);
    const marker = await newVisitor();
    await connect('tab-4', marker, null);
    activity.pageViewed('tab-4', siteId, marker.id, page('/c'));
    activity.disconnected('tab-4', siteId, marker.id);
    await until(async () => (await pagesOf(marker.id)) === 1, 'the marker page');
    expect(errors).toEqual([]);
  });
});

describe('carts', () => {
  it('stores a changed cart with its history, and a repeated report as nothing', async () => {
    const visitor = await newVisitor();
    await connect('tab-1', visitor, null);
    expect(await activity.cartUpdated(siteId, visitor.id, cart([1, 2]))).toEqual({ ok: true, data: null });
    expect(activity.liveList(siteId)[0]!.cart).toEqual({ total: 30, currency: 'EUR', items: 3 });
    const history = async () => (await repository().cartHistory(siteId, visitor.id, 50)).changes;
    expect(await history()).toHaveLength(2);
    vi.setSystemTime(T0 + 1_000);
    await activity.cartUpdated(siteId, visitor.id, cart([1, 2]));
    expect((await repository().cartOf(siteId, visitor.id))?.updatedAt).toBe(T0);
    expect(await history()).toHaveLength(2);
    // Same lines, another total (a price change): stored, though no step is told.
    const repriced = cart([1, 2]);
    repriced.cart.total = 99;
    await activity.cartUpdated(siteId, visitor.id, repriced);
    expect(await repository().cartOf(siteId, visitor.id)).toMatchObject({ updatedAt: T0 + 1_000, cart: { total: 99 } });
    expect(await history()).toHaveLength(2);
    expect(stages).toEqual([]);
  });

  it('tells the triggers of checkout and purchase once each, and shows no cart after the purchase', async () => {
    const visitor = await newVisitor();
    await connect('tab-1', visitor, null);
    await activity.cartUpdated(siteId, visitor.id, cart([1]));
    await activity.cartUpdated(siteId, visitor.id, cart([1], 'checkout'));
    await activity.cartUpdated(siteId, visitor.id, cart([1], 'checkout'));
    vi.setSystemTime(T0 + 5);
    await activity.cartUpdated(siteId, visitor.id, cart([1], 'purchase'));
    expect(stages).toEqual([
      [visitor.id, 'checkout', T0],
      [visitor.id, 'purchase', T0 + 5],
    ]);
    expect(activity.liveList(siteId)[0]!.cart).toBeNull();
    const profile = await activity.profile(visitor.id, siteId);
    expect(profile.ok && [profile.data.cart, profile.data.cartStage]).toEqual([null, 'purchase']);
  });
});

describe('identity', () => {
  it('refuses an unknown visitor, and an unsigned claim where the site enforces one, changing nothing', async () => {
    const visitor = await newVisitor();
    await connect('tab-1', visitor, null);
    const site = { identitySecret: 's3cret', identityEnforced: true };
    expect(await activity.identify(siteId, 'vis_nobody', site, { id: 'c-1' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await activity.identify(siteId, visitor.id, site, { id: 'c-1', name: 'Anna' })).toMatchObject({
      ok: false,
      error: { code: 'identity_refused' },
    });
    expect(activity.liveList(siteId)[0]!.identity).toEqual({ customerId: null, name: null, email: null, verified: false });
  });

  it('shows a verified identity in the live list and the profile', async () => {
    const visitor = await newVisitor();
    await connect('tab-1', visitor, null);
    const site = { identitySecret: 's3cret', identityEnforced: false };
    const claim = { id: 'c-1', name: 'Anna', email: 'anna@example.com', hash: identityHash('s3cret', 'c-1') };
    const identity = { customerId: 'c-1', name: 'Anna', email: 'anna@example.com', verified: true };
    expect(await activity.identify(siteId, visitor.id, site, claim)).toEqual({ ok: true, data: { identity } });
    expect(activity.liveList(siteId)[0]!.identity).toEqual(identity);
    const profile = await activity.profile(visitor.id, siteId);
    expect(profile.ok && profile.data.identity).toEqual(identity);
  });
});

describe('profile pushes', () => {
  it('folds a visitor’s follow-ups into one push to its followers, and pushes nothing without followers', async () => {
    const quiet = await newVisitor();
    const followed = await newVisitor();
    followers.add(followed.id);
    await connect('tab-1', quiet, null);
    await connect('tab-2', followed, null);
    activity.pageViewed('tab-2', siteId, followed.id, page('/a'));
    await activity.cartUpdated(siteId, followed.id, cart([1]));
    activity.pageViewed('tab-1', siteId, quiet.id, page('/a'));
    await until(() => pushed.length > 0, 'the push');
    // A later marker push proves no second push of the first batch and none for the quiet visitor.
    await new Promise((r) => setTimeout(r, PUSH_MS * 2));
    activity.conversationChanged(siteId, followed.id, 'cnv-open');
    await until(() => pushed.length > 1, 'the marker push');
    expect(pushed.map((p) => p.id)).toEqual([followed.id, followed.id]);
    expect(pushed[0]).toMatchObject({ online: true, cart: { total: 10 }, trail: [expect.objectContaining({ title: '/a' })] });
    expect(activity.liveList(siteId).find((v) => v.id === followed.id)?.conversationId).toBe('cnv-open');
  });

  it('does not push to a follower who left before the push fell due', async () => {
    const visitor = await newVisitor();
    const marker = await newVisitor();
    followers.add(visitor.id);
    await connect('tab-1', visitor, null);
    followers.delete(visitor.id);
    followers.add(marker.id);
    await connect('tab-2', marker, null);
    await until(() => pushed.length > 0, 'the marker push');
    await new Promise((r) => setTimeout(r, PUSH_MS));
    expect(pushed.map((p) => p.id)).toEqual([marker.id]);
  });

  it('reads no profile of another site’s visitor', async () => {
    const other = (await app.services.sites.create({ name: 'Other', allowedOrigins: [] })).id;
    const visitor = await newVisitor();
    expect(await activity.profile(visitor.id, other)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
