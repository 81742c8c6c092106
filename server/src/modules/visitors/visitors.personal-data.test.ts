import { expect, it } from 'vitest';
import { andThen, type InTx, type Tx } from '../../db/committer.ts';
import type { Engine } from '../../db/engine.ts';
import { committerOn, describeOnEngines, insertSite, insertVisitor } from '../../testing/engines.ts';
import { visitorsPersonalData } from './visitors.module.ts';

/*
 * The visitors module's own part in export, erasure and retention, on both
 * engines: who belongs to a subject, what one device's export and erasure
 * include when its customer is shared with another device, the counts
 * erasure reports, and how retention splits a batch between the page trail
 * and the cart history. The whole flow through the admin routes is in
 * privacy/erase.test.ts.
 */

const SITE = 'site-a';
const OTHER = 'site-b';

/** The same statement on either engine (`?` placeholders become `$n` on PostgreSQL). */
async function run(engine: Engine, statement: string, ...params: unknown[]): Promise<Array<Record<string, unknown>>> {
  if (engine.kind === 'sqlite') {
    const prepared = engine.db.$client.prepare(statement);
    return prepared.reader ? (prepared.all(...params) as Array<Record<string, unknown>>) : (prepared.run(...params), []);
  }
  let n = 0;
  return (
    await engine.db.$client.query(
      statement.replace(/\?/g, () => `$${++n}`),
      params,
    )
  ).rows;
}

describeOnEngines('the visitors’ personal data', (engine) => {
  let visitors = 0;
  async function twoShops() {
    await insertSite(engine(), SITE);
    await insertSite(engine(), OTHER);
    return visitorsPersonalData(engine());
  }
  async function visitor(site = SITE): Promise<string> {
    visitors += 1;
    const id = `vis-${visitors}`;
    await insertVisitor(engine(), site, id);
    return id;
  }
  async function customer(id: string, site: string, ...devices: string[]): Promise<string> {
    await run(
      engine(),
      "INSERT INTO customers (id, site_id, external_id, name, email, created_at, updated_at) VALUES (?, ?, ?, 'Núria', NULL, 1, 1)",
      id,
      site,
      `ext-${id}`,
    );
    for (const device of devices) await run(engine(), 'UPDATE visitors SET customer_id = ? WHERE id = ?', id, device);
    return id;
  }
  const pageView = (visitorId: string, startedAt: number) =>
    run(
      engine(),
      "INSERT INTO page_views (visitor_id, url, title, referrer, started_at, seconds) VALUES (?, 'https://shop.example/', 'Home', '', ?, 5)",
      visitorId,
      startedAt,
    );
  const cartEvent = (visitorId: string, at: number) =>
    run(
      engine(),
      "INSERT INTO cart_events (visitor_id, at, change, item_name, qty, total, currency) VALUES (?, ?, 'added', 'Mitjons', 1, 9.5, 'EUR')",
      visitorId,
      at,
    );
  const cart = (visitorId: string, ga4: unknown = null) =>
    run(
      engine(),
      "INSERT INTO carts (visitor_id, cart, stage, ga4, updated_at) VALUES (?, '{\"items\":[]}', 'browsing', ?, 1)",
      visitorId,
      ga4 === null ? null : JSON.stringify(ga4),
    );
  const count = async (table: string) => Number((await run(engine(), `SELECT count(*) AS n FROM ${table}`))[0]?.['n']);
  const step = <T>(work: (tx: Tx) => InTx<T>) => committerOn(engine()).run(work);

  it('gives a visitor their customer only when no other device of the site is linked to it', async () => {
    const data = await twoShops();
    const alone = await visitor();
    const laptop = await visitor();
    const phone = await visitor();
    await customer('cust-alone', SITE, alone);
    await customer('cust-shared', SITE, laptop, phone);

    expect(await data.resolve(SITE, { kind: 'visitor', id: alone })).toEqual({
      siteId: SITE,
      subject: { kind: 'visitor', id: alone },
      visitorIds: [alone],
      customerIds: ['cust-alone'],
    });
    expect(await data.resolve(SITE, { kind: 'visitor', id: laptop })).toMatchObject({ visitorIds: [laptop], customerIds: [] });
    expect(await data.resolve(SITE, { kind: 'visitor', id: await visitor() })).toMatchObject({ customerIds: [] });
  });

  it('gives a customer every device linked to it on the site', async () => {
    const data = await twoShops();
    const laptop = await visitor();
    const phone = await visitor();
    await visitor();
    await customer('cust-shared', SITE, laptop, phone);

    const scope = await data.resolve(SITE, { kind: 'customer', id: 'cust-shared' });
    expect(scope).toMatchObject({ customerIds: ['cust-shared'] });
    expect([...(scope?.visitorIds ?? [])].sort()).toEqual([laptop, phone].sort());
  });

  it('answers a visitor or customer of another site exactly like a missing one', async () => {
    const data = await twoShops();
    const foreign = await visitor(OTHER);
    await customer('cust-foreign', OTHER, foreign);

    expect(await data.resolve(SITE, { kind: 'visitor', id: foreign })).toBeNull();
    expect(await data.resolve(SITE, { kind: 'customer', id: 'cust-foreign' })).toBeNull();
    expect(await data.resolve(SITE, { kind: 'visitor', id: 'no-such-visitor' })).toBeNull();
    expect(await data.resolve(SITE, { kind: 'customer', id: 'no-such-customer' })).toBeNull();
  });

  it('exports one device of a shared customer without the customer row, and erases the device alone', async () => {
    const data = await twoShops();
    const laptop = await visitor();
    const phone = await visitor();
    await customer('cust-shared', SITE, laptop, phone);
    const scope = (await data.resolve(SITE, { kind: 'visitor', id: laptop }))!;

    const exported = await data.identities.exportRows(scope);
    expect(exported['visitors']?.map((row) => row['id'])).toEqual([laptop]);
    expect(exported['customers']).toEqual([]);
    // The token's hash is a credential, never handed over.
    expect(exported['visitors']?.[0]).not.toHaveProperty('tokenHash');

    expect(await step((tx) => data.identities.eraseInTx(tx, scope))).toBe(1);
    expect(await run(engine(), 'SELECT id, customer_id AS "customerId" FROM visitors')).toEqual([{ id: phone, customerId: 'cust-shared' }]);
    expect(await count('customers')).toBe(1);
  });

  it('exports a device with the customer it alone belongs to, and counts both rows it erases', async () => {
    const data = await twoShops();
    const alone = await visitor();
    const bystander = await visitor();
    await customer('cust-alone', SITE, alone);
    const scope = (await data.resolve(SITE, { kind: 'visitor', id: alone }))!;

    expect((await data.identities.exportRows(scope))['customers']?.map((row) => row['id'])).toEqual(['cust-alone']);
    expect(await step((tx) => data.identities.eraseInTx(tx, scope))).toBe(2);
    expect(await count('customers')).toBe(0);
    expect(await run(engine(), 'SELECT id FROM visitors')).toEqual([{ id: bystander }]);
  });

  it('erases nothing for a foreign site’s scope, and nothing when the step fails', async () => {
    const data = await twoShops();
    const mine = await visitor();
    await customer('cust-mine', SITE, mine);
    await pageView(mine, 1_000);
    await cart(mine);
    const scope = (await data.resolve(SITE, { kind: 'visitor', id: mine }))!;
    const foreign = { ...scope, siteId: OTHER };

    expect(await step((tx) => data.identities.eraseInTx(tx, foreign))).toBe(0);
    expect(await step((tx) => data.activity.eraseInTx(tx, foreign))).toBe(0);
    expect(await data.activity.exportRows(foreign)).toEqual({ page_views: [], carts: [], cart_events: [] });
    const failed = step((tx) =>
      andThen(data.activity.eraseInTx(tx, scope), () =>
        andThen(data.identities.eraseInTx(tx, scope), () => {
          throw new Error('refused');
        }),
      ),
    );
    await expect(failed).rejects.toThrow('refused');
    expect([await count('visitors'), await count('customers'), await count('page_views'), await count('carts')]).toEqual([1, 1, 1, 1]);
  });

  it('hands over and removes the scope’s pages, cart and cart history only, and counts every row', async () => {
    const data = await twoShops();
    const mine = await visitor();
    const other = await visitor();
    for (const id of [mine, other]) {
      await pageView(id, 1_000);
      await pageView(id, 2_000);
      await cartEvent(id, 1_500);
      await cart(id);
    }
    const scope = (await data.resolve(SITE, { kind: 'visitor', id: mine }))!;

    const exported = await data.activity.exportRows(scope);
    expect(exported['page_views']?.map((row) => row['visitorId'])).toEqual([mine, mine]);
    expect(exported['carts']?.map((row) => row['visitorId'])).toEqual([mine]);
    expect(exported['cart_events']?.map((row) => row['visitorId'])).toEqual([mine]);

    expect(await step((tx) => data.activity.eraseInTx(tx, scope))).toBe(4);
    expect([await count('page_views'), await count('carts'), await count('cart_events')]).toEqual([2, 1, 1]);
  });

  it('hands over the transactions and page loads read from GA4 events with the cart, and erases them with it', async () => {
    const data = await twoShops();
    const mine = await visitor();
    const ga4 = { pages: [['k2x9a7f3q1', 4]], purchases: ['ORDER-1042'] };
    await cart(mine, ga4);
    const scope = (await data.resolve(SITE, { kind: 'visitor', id: mine }))!;
    expect((await data.activity.exportRows(scope))['carts']).toEqual([expect.objectContaining({ visitorId: mine, ga4 })]);
    await step((tx) => data.activity.eraseInTx(tx, scope));
    expect(await count('carts')).toBe(0);
  });

  const purchase = (visitorId: string, at: number, order: string) =>
    run(
      engine(),
      "INSERT INTO cart_events (visitor_id, at, change, total, currency, order_number) VALUES (?, ?, 'purchase', 84, 'EUR', ?)",
      visitorId,
      at,
      order,
    );

  it('hands over the order number kept with a purchase, and erases it with the cart history', async () => {
    const data = await twoShops();
    const mine = await visitor();
    const other = await visitor();
    await purchase(mine, 1_000, 'T_12345');
    await purchase(other, 1_000, 'T_OTHER');
    const scope = (await data.resolve(SITE, { kind: 'visitor', id: mine }))!;
    expect((await data.activity.exportRows(scope))['cart_events']).toEqual([
      expect.objectContaining({ visitorId: mine, change: 'purchase', orderNumber: 'T_12345' }),
    ]);
    expect(await step((tx) => data.activity.eraseInTx(tx, scope))).toBe(1);
    expect(await run(engine(), 'SELECT order_number AS "order" FROM cart_events')).toEqual([{ order: 'T_OTHER' }]);
  });

  const CUTOFF = 10_000;

  it('fills a retention batch with old pages first, then old cart history, up to the limit', async () => {
    const data = await twoShops();
    const id = await visitor();
    await pageView(id, CUTOFF - 1);
    for (const at of [CUTOFF - 3, CUTOFF - 2, CUTOFF - 1]) await cartEvent(id, at);
    await cartEvent(id, CUTOFF + 1);
    const purge = (limit: number) => step((tx) => data.activity.retention!.purgeInTx(tx, SITE, CUTOFF, limit));

    expect(await purge(2)).toBe(2);
    expect([await count('page_views'), await count('cart_events')]).toEqual([0, 3]);
    expect(await purge(2)).toBe(2);
    expect(await purge(2)).toBe(0);
    expect((await run(engine(), 'SELECT at FROM cart_events')).map((row) => Number(row['at']))).toEqual([CUTOFF + 1]);
  });

  it('lets an old purchase go with its order number when the trail retention expires it', async () => {
    const data = await twoShops();
    const id = await visitor();
    await purchase(id, CUTOFF - 1, 'T_OLD');
    await purchase(id, CUTOFF + 1, 'T_NEW');
    expect(await step((tx) => data.activity.retention!.purgeInTx(tx, SITE, CUTOFF, 10))).toBe(1);
    expect(await run(engine(), 'SELECT order_number AS "order" FROM cart_events')).toEqual([{ order: 'T_NEW' }]);
  });

  it('leaves the cart history alone while old pages fill the batch, and other sites’ rows always', async () => {
    const data = await twoShops();
    const id = await visitor();
    const foreign = await visitor(OTHER);
    for (const at of [1, 2, 3]) await pageView(id, at);
    await cartEvent(id, 1);
    await pageView(foreign, 1);
    await cartEvent(foreign, 1);
    const purge = (limit: number) => step((tx) => data.activity.retention!.purgeInTx(tx, SITE, CUTOFF, limit));

    expect(await purge(3)).toBe(3);
    expect([await count('page_views'), await count('cart_events')]).toEqual([1, 2]);
    expect(await purge(3)).toBe(1);
    expect(await run(engine(), 'SELECT visitor_id AS v FROM page_views UNION ALL SELECT visitor_id FROM cart_events')).toEqual([
      { v: foreign },
      { v: foreign },
    ]);
  });
});
