import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp, siteWithAdminAndAgent, sqlOn } from '../../testing/harness.ts';
import { pdf } from './test-files.ts';

let app: App;
let cleanup: () => Promise<void>;
let shopA: Awaited<ReturnType<typeof siteWithAdminAndAgent>>;
let shopB: { admin: Record<string, string> };

beforeAll(async () => {
  const built = await buildTestApp();
  app = built.app;
  cleanup = built.cleanup;
  shopA = await siteWithAdminAndAgent(app);
  // A second shop with its own admin (emails are unique per install).
  const site = await app.services.sites.create({ name: 'Other', allowedOrigins: ['https://other.example'] });
  await app.services.agents.create({ siteId: site.id, email: 'b@other.example', name: 'B', role: 'admin', password: 'other-pass' });
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'b@other.example', password: 'other-pass' } });
  shopB = { admin: { mostrador_session: res.cookies.find((c) => c.name === 'mostrador_session')!.value } };
});

afterAll(async () => cleanup());

const upload = (cookies: Record<string, string>, clientId: string, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: `/api/attachments?clientId=${clientId}&name=invoice.pdf`,
    cookies,
    headers: { 'content-type': 'application/octet-stream', ...headers },
    payload: pdf(),
  });

describe('attachment routes', () => {
  it('gives another shop’s admin the same answer for this shop’s file as for a missing one', async () => {
    const stored = await upload(shopA.admin, 'tenancy-0001');
    expect(stored.statusCode).toBe(200);
    const { id } = stored.json<{ attachment: { id: string } }>().attachment;
    expect((await app.inject({ method: 'GET', url: `/api/attachments/${id}/link`, cookies: shopA.admin })).statusCode).toBe(200);
    const foreign = await app.inject({ method: 'GET', url: `/api/attachments/${id}/link`, cookies: shopB.admin });
    const missing = await app.inject({ method: 'GET', url: '/api/attachments/att_missing0000000/link', cookies: shopB.admin });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
  });

  it('a plain agent cannot read a colleague’s unsent file', async () => {
    const stored = await upload(shopA.admin, 'tenancy-0002');
    const { id } = stored.json<{ attachment: { id: string } }>().attachment;
    expect((await app.inject({ method: 'GET', url: `/api/attachments/${id}/link`, cookies: shopA.plain })).statusCode).toBe(404);
  });

  it('refuses an agent upload made by another site’s page (the cookie route keeps its cross-site guard), and one without a session', async () => {
    const crossSite = await upload(shopA.admin, 'csrf-0001', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    expect((await upload({}, 'anon-0001')).statusCode).toBe(401);
    expect(await sqlOn(app.engine).value("SELECT count(*) FROM attachments WHERE client_id IN ('csrf-0001', 'anon-0001')")).toBe(0);
  });

  it('answers the shop page’s preflight for visitor uploads, and the visitor route needs a valid token', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/visitor/attachments',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
    const site = app.services.sites.byId(shopA.site.id)!;
    const noToken = await app.inject({
      method: 'POST',
      url: '/api/visitor/attachments?clientId=visitor-0001&name=a.pdf',
      headers: {
        'content-type': 'application/octet-stream',
        'x-mostrador-site': site.key,
        authorization: 'Bearer not-a-token',
        origin: 'https://shop.example',
      },
      payload: pdf(),
    });
    expect(noToken.statusCode).toBe(404);
  });

  it('shows and saves the site’s attachment rules in its settings', async () => {
    const before = await app.inject({ method: 'GET', url: '/api/admin/site', cookies: shopA.admin });
    expect(before.json()).toMatchObject({
      attachmentMaxMb: 20,
      attachmentTypes: ['image', 'pdf', 'text', 'office', 'archive'],
      visitorUploads: true,
    });
    const saved = await app.inject({
      method: 'PATCH',
      url: '/api/admin/site',
      cookies: shopA.admin,
      payload: { attachmentMaxMb: 5, attachmentTypes: ['image'], visitorUploads: false },
    });
    expect(saved.json()).toMatchObject({ attachmentMaxMb: 5, attachmentTypes: ['image'], visitorUploads: false });
    expect(app.services.sites.byId(shopA.site.id)).toMatchObject({ attachmentMaxMb: 5, attachmentTypes: ['image'], visitorUploads: false });
    const tooBig = await app.inject({ method: 'PATCH', url: '/api/admin/site', cookies: shopA.admin, payload: { attachmentMaxMb: 500 } });
    expect(tooBig.statusCode).toBe(400);
  });
});
