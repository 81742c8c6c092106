import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp, siteWithAdminAndAgent } from '../../testing/harness.ts';

let app: App;
let cleanup: () => Promise<void>;
let admin: Record<string, string>;
let plain: Record<string, string>;
let siteId: string;

const weekdays = {
  timeZone: 'Europe/Madrid',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
  holidays: ['2026-12-25'],
  closures: [],
};

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  let site;
  ({ admin, plain, site } = await siteWithAdminAndAgent(app));
  siteId = site.id;
});

afterEach(() => cleanup());

describe('business hours: the admin editor’s endpoints', () => {
  it('starts with no hours (always open), then keeps what the admin saves, with a department’s own', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/admin/hours', cookies: admin })).json()).toEqual({ site: null, departments: [] });
    const sales = await app.services.departments.create(siteId, { slug: 'sales', name: 'Sales', routing: 'auto' });
    if (!sales.ok) throw new Error('no department');
    const saturday = { ...weekdays, weekly: [{ day: 6, from: '10:00', to: '14:00' }] };
    const body = { site: weekdays, departments: [{ departmentId: sales.data.id, hours: saturday }] };
    const res = await app.inject({ method: 'PUT', url: '/api/admin/hours', cookies: admin, payload: body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(body);
    expect((await app.inject({ method: 'GET', url: '/api/admin/hours', cookies: admin })).json()).toEqual(body);
    // The in-memory copy changed with the row: Monday 10:00 in Madrid is open for the site, closed for sales.
    const monday = Date.parse('2026-12-07T09:00:00Z');
    expect(app.services.hours.isOpen(siteId, null, monday)).toBe(true);
    expect(app.services.hours.isOpen(siteId, sales.data.id, monday)).toBe(false);
    expect(app.services.hours.opensAt(siteId, sales.data.id, monday)).toBe(Date.parse('2026-12-12T09:00:00Z'));
  });

  it('refuses an unknown time zone and a span clock past 24:00, and keeps what was there', async () => {
    await app.inject({ method: 'PUT', url: '/api/admin/hours', cookies: admin, payload: { site: weekdays, departments: [] } });
    for (const site of [
      { ...weekdays, timeZone: 'Mars/Olympus' },
      { ...weekdays, weekly: [{ day: 1, from: '09:00', to: '25:00' }] },
    ]) {
      const res = await app.inject({ method: 'PUT', url: '/api/admin/hours', cookies: admin, payload: { site, departments: [] } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_payload');
    }
    expect((await app.inject({ method: 'GET', url: '/api/admin/hours', cookies: admin })).json().site).toEqual(weekdays);
  });

  it('answers another site’s department like a missing one, and changes nothing', async () => {
    const other = await app.services.sites.create({ name: 'Other', allowedOrigins: [] });
    const theirs = await app.services.departments.create(other.id, { slug: 'sales', name: 'Sales', routing: 'auto' });
    if (!theirs.ok) throw new Error('no department');
    const res = await app.inject({
      method: 'PUT',
      url: '/api/admin/hours',
      cookies: admin,
      payload: { site: null, departments: [{ departmentId: theirs.data.id, hours: weekdays }] },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect(app.services.hours.get(siteId)).toEqual({ site: null, departments: [] });
    expect(app.services.hours.get(other.id)).toEqual({ site: null, departments: [] });
  });

  it('is for admins only', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/admin/hours', cookies: plain })).statusCode).toBe(403);
    const res = await app.inject({ method: 'PUT', url: '/api/admin/hours', cookies: plain, payload: { site: weekdays, departments: [] } });
    expect(res.statusCode).toBe(403);
    expect(app.services.hours.get(siteId).site).toBeNull();
  });
});
