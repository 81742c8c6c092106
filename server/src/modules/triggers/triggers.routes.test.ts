import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TriggerRuleInput } from '@mostrador/shared';
import type { App } from '../../app.ts';
import { buildTestApp, siteWithAdminAndAgent } from '../../testing/harness.ts';

let app: App;
let cleanup: () => Promise<void>;
let admin: Record<string, string>;
let plain: Record<string, string>;
let siteId: string;

const bigCart: TriggerRuleInput = {
  name: 'Big cart, long look',
  enabled: true,
  conditions: [
    { type: 'cart_value', op: 'gte', amount: 100, currency: 'EUR', negate: false },
    { type: 'product_page', minPrice: null, currency: 'EUR', negate: false },
    { type: 'time_on_page', seconds: 60, negate: false },
  ],
  action: { kind: 'open', message: 'Need a hand with your order?', agentId: null, departmentId: null, tags: ['vip'] },
  frequency: { kind: 'every_hours', hours: 24 },
};

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  let site: { id: string };
  ({ admin, plain, site } = await siteWithAdminAndAgent(app));
  siteId = site.id;
});
afterEach(() => cleanup());

const list = async () =>
  (await app.inject({ method: 'GET', url: '/api/admin/triggers', cookies: admin })).json().triggers as Array<{
    id: string;
    name: string;
    enabled: boolean;
  }>;

describe('trigger rules API', () => {
  it('is for admins only', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/admin/triggers', cookies: plain })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/admin/triggers', cookies: plain, payload: bigCart })).statusCode).toBe(403);
  });

  it('creates, edits, reorders and deletes rules', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/admin/triggers', cookies: admin, payload: bigCart });
    expect(created.statusCode).toBe(201);
    const id = created.json().trigger.id as string;
    expect((await list()).map((r) => r.name)).toEqual(['Help on a product page', 'Leaving with a cart', 'Big cart, long look']);

    const patched = await app.inject({ method: 'PATCH', url: `/api/admin/triggers/${id}`, cookies: admin, payload: { enabled: false } });
    expect(patched.json().trigger).toMatchObject({ enabled: false, name: 'Big cart, long look' });

    const [first, second] = await list();
    const order = await app.inject({
      method: 'PUT',
      url: '/api/admin/triggers/order',
      cookies: admin,
      payload: { ids: [id, second!.id, first!.id] },
    });
    expect(order.statusCode).toBe(200);
    expect(order.json().triggers.map((r: { id: string }) => r.id)).toEqual([id, second!.id, first!.id]);

    expect((await app.inject({ method: 'DELETE', url: `/api/admin/triggers/${id}`, cookies: admin })).statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: `/api/admin/triggers/${id}`, cookies: admin })).statusCode).toBe(404);
    expect((await list()).map((r) => r.id)).toEqual([second!.id, first!.id]);
  });

  it('refuses a broken regular expression and an incomplete order, and finds no other site’s agent as sender', async () => {
    const broken = { ...bigCart, conditions: [{ type: 'url', match: 'regex', pattern: '/products/(', negate: false }] };
    const bad = await app.inject({ method: 'POST', url: '/api/admin/triggers', cookies: admin, payload: broken });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('regular expression');

    const [first] = await list();
    const partial = await app.inject({ method: 'PUT', url: '/api/admin/triggers/order', cookies: admin, payload: { ids: [first!.id] } });
    expect(partial.statusCode).toBe(400);

    const other = await app.services.sites.create({ name: 'Other', allowedOrigins: [] });
    const stranger = await app.services.agents.create({
      siteId: other.id,
      email: 'x@other.example',
      name: 'X',
      role: 'agent',
      password: 'other-pass',
    });
    const foreignSender = { ...bigCart, action: { ...bigCart.action, agentId: stranger.ok ? stranger.data.id : 'agt_x' } };
    const before = await list();
    const refused = await app.inject({ method: 'POST', url: '/api/admin/triggers', cookies: admin, payload: foreignSender });
    // Another site's agent answers like a missing one (issue 11).
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('not_found');
    expect(await list()).toEqual(before);
  });

  it('refuses malformed input at the edge with invalid_payload, changing nothing', async () => {
    const before = await list();
    const [first] = before;
    const requests = [
      { method: 'POST' as const, url: '/api/admin/triggers', payload: { ...bigCart, conditions: 'all' } },
      { method: 'POST' as const, url: '/api/admin/triggers', payload: { ...bigCart, name: 42 } },
      { method: 'PUT' as const, url: '/api/admin/triggers/order', payload: { ids: 'first' } },
      { method: 'GET' as const, url: '/api/admin/triggers/report?days=forever' },
      { method: 'GET' as const, url: '/api/admin/triggers/report?attributionDays=0' },
      { method: 'PATCH' as const, url: '/api/admin/triggers/not%20an%20id', payload: { enabled: false } },
      { method: 'PATCH' as const, url: `/api/admin/triggers/${first!.id}`, payload: { enabled: 'yes' } },
      { method: 'DELETE' as const, url: '/api/admin/triggers/not%20an%20id' },
    ];
    for (const request of requests) {
      const res = await app.inject({ ...request, cookies: admin });
      expect([request.url, res.statusCode, res.json().error.code]).toEqual([request.url, 400, 'invalid_payload']);
    }
    expect(await list()).toEqual(before);
  });

  it('answers with the contract’s shapes only: no site id or storage column leaks out', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/admin/triggers', cookies: admin, payload: bigCart });
    expect(created.statusCode).toBe(201);
    const rule = created.json().trigger as Record<string, unknown>;
    expect(Object.keys(rule).sort()).toEqual(Object.keys((await list())[0]!).sort());
    expect(rule).not.toHaveProperty('siteId');
    const report = await app.inject({ method: 'GET', url: '/api/admin/triggers/report?days=3', cookies: admin });
    expect(Object.keys(report.json()).sort()).toEqual(['attributionDays', 'baseline', 'days', 'rows', 'withoutTrigger']);
  });

  it('reports every rule, with zeros before anything fired', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/admin/triggers/report?days=7', cookies: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json().days).toBe(7);
    expect(res.json().rows).toHaveLength(2);
    expect(res.json().rows[0]).toMatchObject({ fired: 0, heldBack: 0, checkouts: 0 });
  });

  it('records each admin change in the audit log, and a refused one not at all', async () => {
    const audit = async () =>
      (await app.inject({ method: 'GET', url: '/api/admin/audit', cookies: admin }))
        .json()
        .entries.filter((e: { action: string }) => e.action.startsWith('trigger.'))
        .map((e: { action: string; targetType: string; targetId: string; details: unknown }) => [
          e.action,
          e.targetType,
          e.targetId,
          e.details,
        ])
        .reverse();
    const created = await app.inject({ method: 'POST', url: '/api/admin/triggers', cookies: admin, payload: bigCart });
    const id = created.json().trigger.id as string;
    await app.inject({ method: 'PATCH', url: `/api/admin/triggers/${id}`, cookies: admin, payload: { enabled: false, name: 'Quiet' } });
    const ids = (await list()).map((r) => r.id);
    await app.inject({ method: 'PUT', url: '/api/admin/triggers/order', cookies: admin, payload: { ids: [...ids].reverse() } });
    await app.inject({ method: 'DELETE', url: `/api/admin/triggers/${id}`, cookies: admin });
    // Refused: unknown rule, incomplete order, broken pattern.
    expect(
      (await app.inject({ method: 'PATCH', url: `/api/admin/triggers/${id}`, cookies: admin, payload: { enabled: true } })).statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/api/admin/triggers/${id}`, cookies: admin })).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'PUT', url: '/api/admin/triggers/order', cookies: admin, payload: { ids: [ids[0]] } })).statusCode,
    ).toBe(400);
    expect(await audit()).toEqual([
      ['trigger.created', 'trigger', id, {}],
      ['trigger.updated', 'trigger', id, { fields: ['name', 'enabled'] }],
      ['trigger.reordered', 'site', siteId, {}],
      ['trigger.deleted', 'trigger', id, {}],
    ]);
  });

  it('answers a rule of another site like a missing one, and changes nothing there', async () => {
    const other = await app.services.sites.create({ name: 'Other', allowedOrigins: [] });
    const [foreign] = app.services.triggers.list(other.id);
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/admin/triggers/${foreign!.id}`,
      cookies: admin,
      payload: { enabled: true },
    });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().error.code).toBe('not_found');
    const del = await app.inject({ method: 'DELETE', url: `/api/admin/triggers/${foreign!.id}`, cookies: admin });
    expect(del.statusCode).toBe(404);
    expect(app.services.triggers.list(other.id)).toEqual([foreign, expect.objectContaining({ enabled: false })]);
  });
});
