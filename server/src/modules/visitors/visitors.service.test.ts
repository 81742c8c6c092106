import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { describeOnEngines, insertSite } from '../../testing/engines.ts';
import { identityHash } from './identity-hash.ts';
import { visitorsRepository } from './visitors.module.ts';
import { VisitorsService } from './visitors.service.ts';

let visitors: VisitorsService;

afterEach(() => {
  vi.useRealTimers();
});

/** Two sites, and the service over the engine's repository, its memory read as at start. */
async function shop(engine: Parameters<typeof visitorsRepository>[0]): Promise<void> {
  await insertSite(engine, 'site-site');
  await insertSite(engine, 'site-other');
  visitors = new VisitorsService(visitorsRepository(engine));
  await visitors.load();
}

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

describeOnEngines('visits', (engine) => {
  beforeEach(() => shop(engine()));

  it('counts a new visit after 30 minutes away, not on every page', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
    const site = { id: 'site-site' };
    const { visitor, token } = await visitors.identify(site.id, undefined, IPHONE);
    expect(visitor).toMatchObject({ visits: 1, device: { type: 'mobile', os: 'iOS', browser: 'Safari 18' } });

    vi.setSystemTime(new Date('2026-12-01T10:20:00Z'));
    expect((await visitors.identify(site.id, token)).visitor.visits).toBe(1);
    vi.setSystemTime(new Date('2026-12-01T10:51:00Z'));
    const back = (await visitors.identify(site.id, token)).visitor;
    expect(back.visits).toBe(2);
    expect(back.visitStartedAt).toBe(Date.parse('2026-12-01T10:51:00Z'));
  });
});

describeOnEngines('visitors', (engine) => {
  beforeEach(() => shop(engine()));

  it('counts no new visit at exactly thirty minutes away, and notes the device of each arrival', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
    const site = { id: 'site-site' };
    const { token, visitor } = await visitors.identify(site.id, undefined);
    expect(visitor.device).toEqual({ type: 'desktop', os: null, browser: null });
    vi.setSystemTime(new Date('2026-12-01T10:30:00Z'));
    const back = await visitors.identify(site.id, token, IPHONE);
    expect(back).toMatchObject({ token, isNew: false, visitor: { id: visitor.id, visits: 1, visitStartedAt: visitor.visitStartedAt } });
    expect(await visitors.byId(site.id, visitor.id)).toMatchObject({
      visits: 1,
      lastSeenAt: Date.parse('2026-12-01T10:30:00Z'),
      device: { type: 'mobile', os: 'iOS' },
    });
  });

  it('mints a new visitor, with a readable label, for an unknown token or another site’s', async () => {
    const site = { id: 'site-site' };
    const other = { id: 'site-other' };
    const first = await visitors.identify(site.id, undefined);
    expect(first.isNew).toBe(true);
    expect(first.visitor.label).toMatch(/^#[A-HJ-NP-Z2-9]{5}$/);
    expect(first.visitor).toMatchObject({ visits: 1, customerId: null, claimedName: null, language: null });
    expect(first.token).not.toBe('');
    const foreign = await visitors.identify(other.id, first.token);
    expect(foreign.isNew).toBe(true);
    expect(foreign.visitor.id).not.toBe(first.visitor.id);
    expect(foreign.token).not.toBe(first.token);
    expect((await visitors.identify(site.id, 'not-a-token')).visitor.id).not.toBe(first.visitor.id);
    expect(await visitors.returning(site.id, 'not-a-token')).toBeUndefined();
    expect((await visitors.identify(site.id, first.token)).visitor.id).toBe(first.visitor.id);
  });

  it('counts the next visit from when the visitor left', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
    const site = { id: 'site-site' };
    const { token, visitor } = await visitors.identify(site.id, undefined);
    expect(visitor.id).toMatch(/^vis_/);
    // Left at 10:40 after browsing, back at 11:05: the same visit.
    await visitors.seen(site.id, visitor.id, Date.parse('2026-12-01T10:40:00Z'));
    expect((await visitors.byId(site.id, visitor.id))?.lastSeenAt).toBe(Date.parse('2026-12-01T10:40:00Z'));
    vi.setSystemTime(new Date('2026-12-01T11:05:00Z'));
    expect((await visitors.identify(site.id, token)).visitor.visits).toBe(1);
  });

  it('notes only the parts of the locale the browser gave', async () => {
    const site = { id: 'site-site' };
    const { visitor } = await visitors.identify(site.id, undefined);
    await visitors.noteLocale(site.id, visitor.id, { language: 'ca-ES' });
    await visitors.noteLocale(site.id, visitor.id, { timeZone: 'Europe/Madrid' });
    await visitors.noteLocale(site.id, visitor.id, {});
    expect(await visitors.byId(site.id, visitor.id)).toMatchObject({ language: 'ca-ES', timeZone: 'Europe/Madrid' });
  });
});

describeOnEngines('identify', (engine) => {
  beforeEach(() => shop(engine()));

  const SECRET = 'secret-of-the-shop';
  const settings = { identitySecret: SECRET, identityEnforced: false };

  it('links a verified customer across devices, and keeps that identity against a later unsigned claim', async () => {
    const site = { id: 'site-site' };
    const laptop = (await visitors.identify(site.id, undefined)).visitor;
    const phone = (await visitors.identify(site.id, undefined)).visitor;
    expect(await visitors.identifyCustomer(laptop, settings, { id: 'c-1', name: 'Unsigned', email: 'u@example.com' })).toEqual({
      ok: true,
      data: { customerId: null, name: 'Unsigned', email: 'u@example.com', verified: false },
    });
    expect(await visitors.byId(site.id, laptop.id)).toMatchObject({
      claimedName: 'Unsigned',
      claimedEmail: 'u@example.com',
      customerId: null,
    });
    expect(await visitors.devicesOf((await visitors.byId(site.id, laptop.id))!)).toEqual([laptop.id]);

    const signed = { id: 'c-1', name: 'Anna', email: 'anna@example.com', hash: identityHash(SECRET, 'c-1') };
    const verified = { customerId: 'c-1', name: 'Anna', email: 'anna@example.com', verified: true };
    expect(await visitors.identifyCustomer(laptop, settings, signed)).toEqual({ ok: true, data: verified });
    expect(await visitors.identifyCustomer(phone, settings, { id: 'c-1', hash: signed.hash })).toEqual({
      ok: true,
      data: { ...verified, name: null, email: null },
    });
    const stored = (await visitors.byId(site.id, laptop.id))!;
    expect(stored.customerId).toMatch(/^cus_/);
    expect(stored).toMatchObject({ claimedName: null, claimedEmail: null });
    expect((await visitors.devicesOf(stored)).sort()).toEqual([laptop.id, phone.id].sort());
    expect(await visitors.identityOf(stored)).toEqual({ ...verified, name: null, email: null });

    // An unsigned claim afterwards changes nothing.
    expect(await visitors.identifyCustomer(stored, settings, { id: 'c-2', name: 'Mallory' })).toEqual({
      ok: true,
      data: { ...verified, name: null, email: null },
    });
    expect(await visitors.byId(site.id, laptop.id)).toMatchObject({ customerId: stored.customerId, claimedName: null });
  });

  it('refuses an unsigned or wrongly signed claim where the site enforces verification, storing nothing', async () => {
    const site = { id: 'site-site' };
    const visitor = (await visitors.identify(site.id, undefined)).visitor;
    const enforced = { ...settings, identityEnforced: true };
    for (const claim of [
      { id: 'c-1', name: 'Anna' },
      { id: 'c-1', name: 'Anna', hash: identityHash('other', 'c-1') },
    ]) {
      expect(await visitors.identifyCustomer(visitor, enforced, claim)).toMatchObject({
        ok: false,
        error: { code: 'identity_refused' },
      });
    }
    expect(await visitors.byId(site.id, visitor.id)).toMatchObject({ customerId: null, claimedName: null });
  });

  it('remembers whom the shop vouched for, for the callers that ask at once: from each identify, and from the table at start', async () => {
    const laptop = (await visitors.identify('site-site', undefined)).visitor;
    const phone = (await visitors.identify('site-site', undefined)).visitor;
    expect(visitors.verifiedIdentity('site-site', laptop.id)).toBeNull();
    const signed = { id: 'c-1', name: 'Anna', email: 'anna@example.com', hash: identityHash(SECRET, 'c-1') };
    await visitors.identifyCustomer(laptop, settings, signed);
    await visitors.identifyCustomer(phone, settings, { id: 'c-1', hash: signed.hash });
    const customerId = (await visitors.byId('site-site', laptop.id))?.customerId;
    // The shop's latest name and email, on every device; another site's ask finds nobody.
    expect(visitors.verifiedIdentity('site-site', laptop.id)).toEqual({ customerId: 'c-1', name: null, email: null, verified: true });
    expect(visitors.customerOf('site-site', phone.id)).toBe(customerId);
    expect(visitors.customerOf('site-other', phone.id)).toBeNull();

    const restarted = new VisitorsService(visitorsRepository(engine()));
    await restarted.load();
    expect(restarted.customerOf('site-site', laptop.id)).toBe(customerId);
    expect(restarted.verifiedIdentity('site-site', phone.id)).toMatchObject({ customerId: 'c-1', verified: true });
    // An erased device goes from memory; the customer stays with the other.
    restarted.forget([laptop.id]);
    expect(restarted.customerOf('site-site', laptop.id)).toBeNull();
    expect(restarted.customerOf('site-site', phone.id)).toBe(customerId);
  });
});
