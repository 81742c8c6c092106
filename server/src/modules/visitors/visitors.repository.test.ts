import { expect, it } from 'vitest';
import { describeOnEngines, insertSite } from '../../testing/engines.ts';
import { visitorsRepository } from './visitors.module.ts';
import type { CustomerRow, VisitorRow } from './visitors.repository.ts';

const AT = 1_800_000_000_000;
const GAP = 30 * 60_000;
const PHONE = { type: 'mobile' as const, os: 'iOS', browser: 'Safari' };

const visitor = (id: string, siteId: string, extra: Partial<VisitorRow> = {}): VisitorRow => ({
  id,
  siteId,
  tokenHash: `hash-${id}`,
  label: `#${id.toUpperCase()}`,
  createdAt: AT,
  lastSeenAt: AT,
  visits: 1,
  visitStartedAt: AT,
  customerId: null,
  claimedName: null,
  claimedEmail: null,
  device: null,
  language: null,
  timeZone: null,
  ...extra,
});

const customer = (id: string, siteId: string, externalId: string, name: string | null, at = AT): CustomerRow => ({
  id,
  siteId,
  externalId,
  name,
  email: null,
  createdAt: at,
  updatedAt: at,
});

describeOnEngines('the visitors repository', (engine) => {
  async function twoShops() {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    return visitorsRepository(engine());
  }

  it('reads a visitor back by its token’s hash or id on its own site only', async () => {
    const repo = await twoShops();
    const anna = visitor('anna', 'site-a', { device: PHONE, language: 'ca' });
    expect(await repo.insert(anna)).toBe(true);
    expect(await repo.bySiteAndTokenHash('site-a', 'hash-anna')).toEqual(anna);
    expect(await repo.byId('site-a', 'anna')).toEqual(anna);
    // Another site's token or id answers like a missing one.
    expect(await repo.bySiteAndTokenHash('site-b', 'hash-anna')).toBeUndefined();
    expect(await repo.byId('site-b', 'anna')).toBeUndefined();
    expect(await repo.byId('site-a', 'nobody')).toBeUndefined();
  });

  it('writes one visitor for a token’s hash, however many try at once', async () => {
    const repo = await twoShops();
    const tries = ['one', 'two', 'three'].map((id) => visitor(id, 'site-a', { tokenHash: 'hash-shared' }));
    const written = await Promise.all(tries.map((row) => repo.insert(row)));
    expect(written.filter(Boolean)).toHaveLength(1);
    const stored = await repo.bySiteAndTokenHash('site-a', 'hash-shared');
    expect(tries.map((row) => row.id)).toContain(stored?.id);
  });

  it('counts a new visit only after the gap, once for arrivals at the same moment, and notes the device', async () => {
    const repo = await twoShops();
    await repo.insert(visitor('anna', 'site-a'));
    const soon = await repo.arrive('site-a', 'hash-anna', { at: AT + GAP, device: PHONE, visitGapMs: GAP });
    expect(soon).toMatchObject({ id: 'anna', visits: 1, visitStartedAt: AT, lastSeenAt: AT + GAP, device: PHONE });

    const later = AT + 3 * GAP;
    const both = await Promise.all([1, 2].map(() => repo.arrive('site-a', 'hash-anna', { at: later, device: null, visitGapMs: GAP })));
    expect(both.map((row) => row?.visits).sort()).toEqual([2, 2]);
    expect(await repo.byId('site-a', 'anna')).toMatchObject({ visits: 2, visitStartedAt: later, lastSeenAt: later, device: null });
    // Another site's token arrives nowhere and changes nothing.
    expect(await repo.arrive('site-b', 'hash-anna', { at: later + 5 * GAP, device: null, visitGapMs: GAP })).toBeUndefined();
    expect((await repo.byId('site-a', 'anna'))?.lastSeenAt).toBe(later);
  });

  it('updates a visitor of the site only, and nothing for no changes', async () => {
    const repo = await twoShops();
    await repo.insert(visitor('anna', 'site-a'));
    await repo.update('site-a', 'anna', { language: 'es-ES', timeZone: 'Europe/Madrid', claimedName: 'Anna' });
    await repo.update('site-b', 'anna', { language: 'fr' });
    await repo.update('site-a', 'anna', {});
    expect(await repo.byId('site-a', 'anna')).toMatchObject({ language: 'es-ES', timeZone: 'Europe/Madrid', claimedName: 'Anna' });
  });

  it('creates a customer on first sight and refreshes it after, linking devices on its site', async () => {
    const repo = await twoShops();
    const first = await repo.upsertCustomer(customer('cus-1', 'site-a', 'ext-1', 'Núria'));
    expect(first).toEqual(customer('cus-1', 'site-a', 'ext-1', 'Núria'));
    // The same external id again keeps the first row's id, with the name the shop gives now.
    const again = await repo.upsertCustomer(customer('cus-2', 'site-a', 'ext-1', 'Núria Puig', AT + 1));
    expect(again).toEqual({ ...first, name: 'Núria Puig', updatedAt: AT + 1 });
    // The same external id on another site is another customer.
    expect((await repo.upsertCustomer(customer('cus-3', 'site-b', 'ext-1', 'Other'))).id).toBe('cus-3');

    await repo.insert(visitor('laptop', 'site-a', { customerId: 'cus-1' }));
    await repo.insert(visitor('phone', 'site-a'));
    await repo.update('site-a', 'phone', { customerId: 'cus-1' });
    expect((await repo.idsOfCustomer('site-a', 'cus-1')).sort()).toEqual(['laptop', 'phone']);
    expect(await repo.idsOfCustomer('site-b', 'cus-1')).toEqual([]);
    expect(await repo.customerById('site-a', 'cus-1')).toMatchObject({ name: 'Núria Puig' });
    expect(await repo.customerById('site-b', 'cus-1')).toBeUndefined();
    // What the service keeps in memory: every linked visitor with its customer, on every site.
    const linked = (await repo.linkedVisitors()).map((l) => [l.visitorId, l.customer.id, l.customer.name]).sort();
    expect(linked).toEqual([
      ['laptop', 'cus-1', 'Núria Puig'],
      ['phone', 'cus-1', 'Núria Puig'],
    ]);
  });
});
