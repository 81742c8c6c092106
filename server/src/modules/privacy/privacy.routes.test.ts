import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditPage } from '@mostrador/shared';
import type { App } from '../../app.ts';
import { buildTestApp, siteWithAdminAndAgent, sqlOn } from '../../testing/harness.ts';

let app: App;
let cleanup: () => Promise<void>;
let admin: Record<string, string>;
let plain: Record<string, string>;
let siteId: string;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  let site;
  ({ admin, plain, site } = await siteWithAdminAndAgent(app));
  siteId = site.id;
});

afterEach(() => cleanup());

/** A visitor with a cart on some site. */
async function shopper(onSite: string): Promise<string> {
  const { visitor } = await app.services.visitors.identify(onSite, undefined, 'Mozilla/5.0');
  await app.services.activity.cartUpdated(onSite, visitor.id, {
    cart: { items: [{ sku: 'S-1', name: 'Sock', qty: 2, price: 5, url: null, image: null }], total: 10, currency: 'EUR' },
    stage: 'browsing',
    source: 'manual',
  });
  return visitor.id;
}

const rowsOf = async (visitorId: string) =>
  (await sqlOn(app.engine).value<number>('SELECT count(*) FROM carts WHERE visitor_id = ?', visitorId)) +
  (await sqlOn(app.engine).value<number>('SELECT count(*) FROM visitors WHERE id = ?', visitorId));

async function auditLog(): Promise<AuditPage> {
  return (await app.inject({ method: 'GET', url: '/api/admin/audit', cookies: admin })).json<AuditPage>();
}

describe('privacy tools', () => {
  it('answers a visitor of another site exactly like a missing one, and touches nothing', async () => {
    const other = await app.services.sites.create({ name: 'Other shop', allowedOrigins: ['https://other.example'] });
    const foreign = await shopper(other.id);
    for (const [method, url] of [
      ['GET', `/api/admin/privacy/visitor/${foreign}/export`],
      ['POST', `/api/admin/privacy/visitor/${foreign}/erase`],
      ['GET', '/api/admin/privacy/visitor/vis_nobodyatall/export'],
      ['POST', '/api/admin/privacy/customer/cus_nobodyatall/erase'],
    ] as const) {
      const res = await app.inject({ method, url, cookies: admin, ...(method === 'POST' ? { payload: { confirm: true } } : {}) });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
      expect(res.json().error.message).not.toContain(foreign);
    }
    expect(await rowsOf(foreign)).toBe(2);
    // A refused request leaves no audit entry.
    expect((await auditLog()).entries.filter((e) => e.action.startsWith('privacy.'))).toEqual([]);
  });

  it('is for admins only, and erasing needs the confirmation', async () => {
    const visitorId = await shopper(siteId);
    const exportUrl = `/api/admin/privacy/visitor/${visitorId}/export`;
    const eraseUrl = `/api/admin/privacy/visitor/${visitorId}/erase`;
    expect((await app.inject({ method: 'GET', url: exportUrl, cookies: plain })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: eraseUrl, cookies: plain, payload: { confirm: true } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: exportUrl })).statusCode).toBe(401);
    const unconfirmed = await app.inject({ method: 'POST', url: eraseUrl, cookies: admin, payload: { confirm: false } });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.code).toBe('invalid_payload');
    expect(await rowsOf(visitorId)).toBe(2);

    const erased = await app.inject({ method: 'POST', url: eraseUrl, cookies: admin, payload: { confirm: true } });
    expect(erased.json()).toEqual({
      erased: {
        audit: 0,
        ratings: 0,
        'report facts': 0,
        triggers: 0,
        contacts: 0,
        email: 0,
        'canned uses': 0,
        conversations: 0,
        attachments: 0,
        activity: 2,
        identities: 1,
      },
    });
    expect(await rowsOf(visitorId)).toBe(0);
    expect((await app.inject({ method: 'GET', url: exportUrl, cookies: admin })).statusCode).toBe(404);
  });

  it('downloads an export as a JSON file with the rows of each table', async () => {
    const visitorId = await shopper(siteId);
    const res = await app.inject({ method: 'GET', url: `/api/admin/privacy/visitor/${visitorId}/export`, cookies: admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="mostrador-visitor-${visitorId}.json"`);
    const body = res.json();
    expect(body.subject).toEqual({ kind: 'visitor', id: visitorId });
    expect(body.data.carts).toEqual([expect.objectContaining({ visitorId, stage: 'browsing' })]);
    expect(body.data.visitors[0]).not.toHaveProperty('tokenHash');
    expect(body.data.conversations).toEqual([]);
  });
});

describe('the audit log', () => {
  it('records admin actions with ids and field names only, newest first, in pages', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/agents',
      cookies: admin,
      payload: { email: 'pau@shop.example', name: 'Pau Secretname', role: 'agent', password: 'pau-password-1' },
    });
    const agentId = created.json().agent.id as string;
    await app.inject({
      method: 'PATCH',
      url: `/api/admin/agents/${agentId}`,
      cookies: admin,
      payload: { role: 'admin', password: 'another-pass-2' },
    });
    // The same role again is no role change.
    await app.inject({ method: 'PATCH', url: `/api/admin/agents/${agentId}`, cookies: admin, payload: { role: 'admin', capacity: 2 } });
    await app.inject({ method: 'POST', url: '/api/admin/departments', cookies: admin, payload: { slug: 'sales', name: 'Sales' } });
    await app.inject({
      method: 'PATCH',
      url: '/api/admin/site',
      cookies: admin,
      payload: { name: 'Renamed Shop', trailRetentionDays: 30 },
    });
    const visitorId = await shopper(siteId);
    await app.inject({ method: 'GET', url: `/api/admin/privacy/visitor/${visitorId}/export`, cookies: admin });

    const { entries, nextBefore } = await auditLog();
    expect(nextBefore).toBeNull();
    expect(entries.map((e) => e.action)).toEqual([
      'privacy.exported',
      'site.settings_changed',
      'department.created',
      'agent.updated',
      'agent.password_changed',
      'agent.role_changed',
      'agent.created',
    ]);
    const adminId = app.services.agents.list(siteId).find((a) => a.role === 'admin' && a.id !== agentId)!.id;
    expect(entries.every((e) => e.actorId === adminId)).toBe(true);
    expect(entries[1]).toMatchObject({ targetType: 'site', targetId: siteId, details: { fields: ['name', 'trailRetentionDays'] } });
    expect(entries[3]).toMatchObject({ targetType: 'agent', targetId: agentId, details: { fields: ['capacity'] } });
    expect(entries[5]).toMatchObject({ targetType: 'agent', targetId: agentId, details: { role: 'admin' } });
    const text = JSON.stringify(entries);
    for (const secret of ['Pau Secretname', 'pau@shop.example', 'pau-password-1', 'another-pass-2', 'Renamed Shop']) {
      expect(text).not.toContain(secret);
    }

    const first = (await app.inject({ method: 'GET', url: '/api/admin/audit?limit=4', cookies: admin })).json<AuditPage>();
    expect(first.entries).toHaveLength(4);
    expect(first.nextBefore).toBe(first.entries[3]!.id);
    const second = (
      await app.inject({ method: 'GET', url: `/api/admin/audit?limit=4&before=${first.nextBefore}`, cookies: admin })
    ).json<AuditPage>();
    expect([...first.entries, ...second.entries]).toEqual(entries);
    expect(second.nextBefore).toBeNull();
    expect((await app.inject({ method: 'GET', url: '/api/admin/audit', cookies: plain })).statusCode).toBe(403);
  });

  it('keeps each site’s log to itself', async () => {
    const other = await app.services.sites.create({ name: 'Other shop', allowedOrigins: ['https://other.example'] });
    await app.services.audit.record(other.id, null, 'site.settings_changed', { type: 'site', id: other.id });
    expect((await auditLog()).entries).toEqual([]);
  });
});

describe('retention settings', () => {
  it('starts keeping everything, and takes a number of days or null per kind', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/admin/site', cookies: admin })).json()).toMatchObject({
      conversationRetentionDays: null,
      trailRetentionDays: null,
    });
    const set = await app.inject({
      method: 'PATCH',
      url: '/api/admin/site',
      cookies: admin,
      payload: { conversationRetentionDays: 365, trailRetentionDays: 30 },
    });
    expect(set.json()).toMatchObject({ conversationRetentionDays: 365, trailRetentionDays: 30 });
    expect(app.services.sites.withRetention().map((s) => s.id)).toEqual([siteId]);
    const refused = await app.inject({ method: 'PATCH', url: '/api/admin/site', cookies: admin, payload: { trailRetentionDays: 0 } });
    expect(refused.statusCode).toBe(400);
    await app.inject({
      method: 'PATCH',
      url: '/api/admin/site',
      cookies: admin,
      payload: { conversationRetentionDays: null, trailRetentionDays: null },
    });
    expect(app.services.sites.withRetention()).toEqual([]);
  });
});
