import { SQLITE_TX } from '../../db/committer.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp } from '../../testing/harness.ts';
import { VisitorsPersonalData } from './visitors.personal-data.ts';

/*
 * The visitors module's own part in export, erasure and retention, over the
 * real database: who belongs to a subject, what one device's export and
 * erasure include when its customer is shared with another device, the
 * counts erasure reports, and how retention splits a batch between the
 * page trail and the cart history. The whole flow through the admin routes
 * is in privacy/erase.test.ts.
 */

let app: App;
let cleanup: () => Promise<void>;
let data: VisitorsPersonalData;
let siteId: string;
let otherSiteId: string;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp({ retentionIntervalMs: 0 }));
  data = new VisitorsPersonalData(app.db);
  siteId = (await app.services.sites.create({ name: 'Shop', allowedOrigins: [] })).id;
  otherSiteId = (await app.services.sites.create({ name: 'Other', allowedOrigins: [] })).id;
});

afterEach(() => cleanup());

const visitor = (site = siteId) => app.services.visitors.identify(site, undefined).visitor.id;

function customer(id: string, site = siteId, ...devices: string[]): string {
  app.sqlite
    .prepare("INSERT INTO customers (id, site_id, external_id, name, email, created_at, updated_at) VALUES (?, ?, ?, 'Núria', NULL, 1, 1)")
    .run(id, site, `ext-${id}`);
  for (const device of devices) app.sqlite.prepare('UPDATE visitors SET customer_id = ? WHERE id = ?').run(id, device);
  return id;
}

function pageView(visitorId: string, startedAt: number): void {
  app.sqlite
    .prepare(
      "INSERT INTO page_views (visitor_id, url, title, referrer, started_at, seconds) VALUES (?, 'https://shop.example/', 'Home', '', ?, 5)",
    )
    .run(visitorId, startedAt);
}

function cartEvent(visitorId: string, at: number): void {
  app.sqlite
    .prepare(
      "INSERT INTO cart_events (visitor_id, at, change, item_name, qty, total, currency) VALUES (?, ?, 'added', 'Mitjons', 1, 9.5, 'EUR')",
    )
    .run(visitorId, at);
}

const count = (table: string) => (app.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('who a subject is', () => {
  it('gives a visitor their customer only when no other device of the site is linked to it', async () => {
    const alone = visitor();
    const laptop = visitor();
    const phone = visitor();
    customer('cust-alone', siteId, alone);
    customer('cust-shared', siteId, laptop, phone);

    expect(await data.resolve(siteId, { kind: 'visitor', id: alone })).toEqual({
      siteId,
      subject: { kind: 'visitor', id: alone },
      visitorIds: [alone],
      customerIds: ['cust-alone'],
    });
    expect(await data.resolve(siteId, { kind: 'visitor', id: laptop })).toMatchObject({ visitorIds: [laptop], customerIds: [] });
    expect(await data.resolve(siteId, { kind: 'visitor', id: visitor() })).toMatchObject({ customerIds: [] });
  });

  it('gives a customer every device linked to it on the site', async () => {
    const laptop = visitor();
    const phone = visitor();
    visitor();
    customer('cust-shared', siteId, laptop, phone);

    const scope = await data.resolve(siteId, { kind: 'customer', id: 'cust-shared' });
    expect(scope).toMatchObject({ customerIds: ['cust-shared'] });
    expect([...(scope?.visitorIds ?? [])].sort()).toEqual([laptop, phone].sort());
  });

  it('answers a visitor or customer of another site exactly like a missing one', async () => {
    const foreign = visitor(otherSiteId);
    customer('cust-foreign', otherSiteId, foreign);

    expect(await data.resolve(siteId, { kind: 'visitor', id: foreign })).toBeNull();
    expect(await data.resolve(siteId, { kind: 'customer', id: 'cust-foreign' })).toBeNull();
    expect(await data.resolve(siteId, { kind: 'visitor', id: 'no-such-visitor' })).toBeNull();
    expect(await data.resolve(siteId, { kind: 'customer', id: 'no-such-customer' })).toBeNull();
  });
});

describe('export and erasure of identities', () => {
  it('exports one device of a shared customer without the customer row, and erases the device alone', async () => {
    const laptop = visitor();
    const phone = visitor();
    customer('cust-shared', siteId, laptop, phone);
    const scope = (await data.resolve(siteId, { kind: 'visitor', id: laptop }))!;

    const exported = await data.identities.exportRows(scope);
    expect(exported['visitors']?.map((row) => row['id'])).toEqual([laptop]);
    expect(exported['customers']).toEqual([]);
    // The token's hash is a credential, never handed over.
    expect(exported['visitors']?.[0]).not.toHaveProperty('tokenHash');

    expect(await app.groupCommit.run(() => data.identities.eraseInTx(SQLITE_TX, scope))).toBe(1);
    expect(app.sqlite.prepare('SELECT id, customer_id AS customerId FROM visitors').all()).toEqual([
      { id: phone, customerId: 'cust-shared' },
    ]);
    expect(count('customers')).toBe(1);
  });

  it('exports a device with the customer it alone belongs to, and counts both rows it erases', async () => {
    const alone = visitor();
    const bystander = visitor();
    customer('cust-alone', siteId, alone);
    const scope = (await data.resolve(siteId, { kind: 'visitor', id: alone }))!;

    expect((await data.identities.exportRows(scope))['customers']?.map((row) => row['id'])).toEqual(['cust-alone']);
    expect(await app.groupCommit.run(() => data.identities.eraseInTx(SQLITE_TX, scope))).toBe(2);
    expect(count('customers')).toBe(0);
    expect(app.sqlite.prepare('SELECT id FROM visitors').all()).toEqual([{ id: bystander }]);
  });
});

describe('export and erasure of activity', () => {
  it('hands over and removes the scope’s pages, cart and cart history only, and counts every row', async () => {
    const mine = visitor();
    const other = visitor();
    for (const id of [mine, other]) {
      pageView(id, 1_000);
      pageView(id, 2_000);
      cartEvent(id, 1_500);
      app.sqlite.prepare("INSERT INTO carts (visitor_id, cart, stage, updated_at) VALUES (?, '{\"items\":[]}', 'browsing', 1)").run(id);
    }
    const scope = (await data.resolve(siteId, { kind: 'visitor', id: mine }))!;

    const exported = await data.activity.exportRows(scope);
    expect(exported['page_views']?.map((row) => row['visitorId'])).toEqual([mine, mine]);
    expect(exported['carts']?.map((row) => row['visitorId'])).toEqual([mine]);
    expect(exported['cart_events']?.map((row) => row['visitorId'])).toEqual([mine]);

    expect(await app.groupCommit.run(() => data.activity.eraseInTx(SQLITE_TX, scope))).toBe(4);
    expect([count('page_views'), count('carts'), count('cart_events')]).toEqual([2, 1, 1]);
  });

  it('hands over the transactions and page loads read from GA4 events with the cart, and erases them with it', async () => {
    const mine = visitor();
    const ga4 = { pages: [['k2x9a7f3q1', 4]], purchases: ['ORDER-1042'] };
    app.sqlite
      .prepare("INSERT INTO carts (visitor_id, cart, stage, ga4, updated_at) VALUES (?, '{\"items\":[]}', 'purchase', ?, 1)")
      .run(mine, JSON.stringify(ga4));
    const scope = (await data.resolve(siteId, { kind: 'visitor', id: mine }))!;
    expect((await data.activity.exportRows(scope))['carts']).toEqual([expect.objectContaining({ visitorId: mine, ga4 })]);
    await app.groupCommit.run(() => data.activity.eraseInTx(SQLITE_TX, scope));
    expect(app.sqlite.prepare("SELECT count(*) AS n FROM carts WHERE ga4 LIKE '%ORDER-1042%'").get()).toEqual({ n: 0 });
  });
});

describe('retention of the trail', () => {
  const CUTOFF = 10_000;

  it('fills a batch with old pages first, then old cart history, up to the limit', async () => {
    const id = visitor();
    pageView(id, CUTOFF - 1);
    for (const at of [CUTOFF - 3, CUTOFF - 2, CUTOFF - 1]) cartEvent(id, at);
    cartEvent(id, CUTOFF + 1);
    const purge = (limit: number) => app.groupCommit.run(() => data.activity.retention!.purgeInTx(SQLITE_TX, siteId, CUTOFF, limit));

    expect(await purge(2)).toBe(2);
    expect([count('page_views'), count('cart_events')]).toEqual([0, 3]);
    expect(await purge(2)).toBe(2);
    expect(await purge(2)).toBe(0);
    expect(app.sqlite.prepare('SELECT at FROM cart_events').all()).toEqual([{ at: CUTOFF + 1 }]);
  });

  it('leaves the cart history alone while old pages fill the batch, and other sites’ rows always', async () => {
    const id = visitor();
    const foreign = visitor(otherSiteId);
    for (const at of [1, 2, 3]) pageView(id, at);
    cartEvent(id, 1);
    pageView(foreign, 1);
    cartEvent(foreign, 1);
    const purge = (limit: number) => app.groupCommit.run(() => data.activity.retention!.purgeInTx(SQLITE_TX, siteId, CUTOFF, limit));

    expect(await purge(3)).toBe(3);
    expect([count('page_views'), count('cart_events')]).toEqual([1, 2]);
    expect(await purge(3)).toBe(1);
    expect(app.sqlite.prepare('SELECT visitor_id AS v FROM page_views UNION ALL SELECT visitor_id FROM cart_events').all()).toEqual([
      { v: foreign },
      { v: foreign },
    ]);
  });
});
