import { DEFAULT_BRANDING } from '@mostrador/shared/branding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp, siteWithAdminAndAgent } from '../../testing/harness.ts';

let app: App;
let cleanup: () => Promise<void>;
let admin: Record<string, string>;
let plain: Record<string, string>;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  ({ admin, plain } = await siteWithAdminAndAgent(app));
});

afterEach(() => cleanup());

const url = '/api/admin/site/branding';
const look = {
  ...DEFAULT_BRANDING,
  color: '#0B5D3B',
  side: 'left',
  offsetX: 32,
  launcher: 'labelled',
  title: { ca: 'Parlem', es: 'Hablemos', en: "Let's talk" },
  theme: 'dark',
} as const;
const get = (cookies: Record<string, string>) => app.inject({ method: 'GET', url, cookies });
const put = (cookies: Record<string, string>, payload: object) => app.inject({ method: 'PUT', url, cookies, payload });

describe('Admin → Branding', () => {
  it('answers the widget’s defaults before anything is saved, with no reply time without data', async () => {
    const res = await get(admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ look: DEFAULT_BRANDING, replySeconds: null });
  });

  it('saves a legible look whole, colours in lower case, and the next read and the audit log show it', async () => {
    const res = await put(admin, look);
    expect(res.statusCode).toBe(200);
    expect(res.json().look).toEqual({ ...look, color: '#0b5d3b' });
    expect((await get(admin)).json().look).toEqual({ ...look, color: '#0b5d3b' });
    const audit = (await app.inject({ method: 'GET', url: '/api/admin/audit', cookies: admin })).json();
    expect(audit.entries.map((e: { action: string }) => e.action)).toContain('site.branding_changed');
  });

  it('accepts white on #767676 (4.54:1) and refuses it on #777777 (4.48:1), keeping what was saved', async () => {
    expect((await put(admin, { ...look, color: '#767676', textColor: '#ffffff' })).statusCode).toBe(200);
    const refused = await put(admin, { ...look, color: '#777777', textColor: '#ffffff' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'invalid_payload', message: expect.stringContaining('illegible_text') });
    expect((await get(admin)).json().look.color).toBe('#767676');
  });

  it('refuses the service an illegible pair too, whoever calls it', async () => {
    const site = app.services.sites.byKey((await app.services.sites.create({ name: 'x', allowedOrigins: [] })).key)!;
    const result = await app.services.sites.setBranding(site.id, { ...look, color: '#ffd400', textColor: '#ffffff' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(app.services.sites.brandingOf(app.services.sites.byId(site.id)!)).toEqual(DEFAULT_BRANDING);
  });

  it('is for admins only: a plain agent can neither read nor change it', async () => {
    expect((await get(plain)).statusCode).toBe(403);
    const res = await put(plain, look);
    expect(res.statusCode).toBe(403);
    expect((await get(admin)).json().look).toEqual(DEFAULT_BRANDING);
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });

  it('takes no site from the body: an extra siteId is ignored and the session’s site changes', async () => {
    const other = await app.services.sites.create({ name: 'Other', allowedOrigins: [] });
    const res = await put(admin, { ...look, siteId: other.id });
    expect(res.statusCode).toBe(200);
    expect(app.services.sites.brandingOf(app.services.sites.byId(other.id)!)).toEqual(DEFAULT_BRANDING);
    expect((await get(admin)).json().look).toMatchObject({ side: 'left', launcher: 'labelled' });
  });

  it('gives a look saved before launcher words and sound existed their defaults (off, the widget’s own words)', async () => {
    const site = await app.services.sites.create({ name: 'Older', allowedOrigins: [] });
    const { launcherText: _words, sound: _sound, ...older } = DEFAULT_BRANDING;
    const row = app.services.sites.byId(site.id)!;
    expect(app.services.sites.brandingOf({ ...row, branding: { ...older, color: '#0b5d3b' } as typeof row.branding })).toEqual({
      ...DEFAULT_BRANDING,
      color: '#0b5d3b',
    });
  });

  it('saves launcher words and sound, and refuses words over 30 characters, keeping what was saved', async () => {
    const words = { ca: 'Parlem?', es: '¿Hablamos?', en: 'Need a hand?' };
    expect((await put(admin, { ...look, launcherText: words, sound: true })).statusCode).toBe(200);
    const refused = await put(admin, { ...look, launcherText: { ...words, es: 'x'.repeat(31) }, sound: false });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('invalid_payload');
    expect((await get(admin)).json().look).toMatchObject({ launcherText: words, sound: true });
  });
});
