import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AVATAR_MAX_BYTES } from '@mostrador/shared';
import type { App } from '../../app.ts';
import { buildTestApp, siteWithAdminAndAgent } from '../../testing/harness.ts';
import { GPS_TEXT, JPEG_STRIPPED, JPEG_WITH_EXIF, PNG_BYTES, WEBP_BYTES } from './picture-fixtures.ts';

let app: App;
let dir: string;
let cleanup: () => Promise<void>;
let admin: Record<string, string>;
let plain: Record<string, string>;
let siteId: string;

beforeEach(async () => {
  ({ app, dir, cleanup } = await buildTestApp());
  let site;
  ({ site, admin, plain } = await siteWithAdminAndAgent(app));
  siteId = site.id;
});

afterEach(() => cleanup());

const upload = (cookies: Record<string, string>, payload: Buffer, contentType = 'image/png', url = '/api/account/picture') =>
  app.inject({ method: 'PUT', url, cookies, payload, headers: { 'content-type': contentType } });
const files = () => (existsSync(join(dir, 'avatars')) ? readdirSync(join(dir, 'avatars')) : []);
const me = async (cookies: Record<string, string>) => (await app.inject({ method: 'GET', url: '/api/auth/me', cookies })).json().agent;
const agentId = (email: string) => app.services.agents.list(siteId).find((a) => a.email === email)!.id;

describe('agent pictures', () => {
  it('an agent uploads their own picture: served at a random URL as an image and nothing else, and shown in the team list', async () => {
    const res = await upload(plain, PNG_BYTES);
    expect(res.statusCode).toBe(200);
    const picture: string = res.json().picture;
    expect(picture).toMatch(/^\/avatars\/[A-Za-z0-9_-]{22}$/);

    const served = await app.inject({ method: 'GET', url: picture });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-security-policy']).toMatch(/^sandbox\b/);
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(served.rawPayload.equals(PNG_BYTES)).toBe(true);

    expect(await me(plain)).toMatchObject({ picture });
    expect((await me(admin)).picture).toBeUndefined();
    const list = (await app.inject({ method: 'GET', url: '/api/admin/agents', cookies: admin })).json().agents;
    expect(list.find((a: { email: string }) => a.email === 'plain@shop.example').picture).toBe(picture);
    expect(files()).toEqual([picture.split('/').pop()]);
  });

  it('decides the type by the bytes: a PNG declared as a JPEG is a PNG, WebP is taken', async () => {
    const png = await app.inject({
      method: 'PUT',
      url: '/api/account/picture',
      cookies: plain,
      payload: PNG_BYTES,
      headers: { 'content-type': 'image/jpeg', 'content-disposition': 'attachment; filename="me.jpg"' },
    });
    expect(png.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: png.json().picture })).headers['content-type']).toBe('image/png');

    const webp = await upload(plain, WEBP_BYTES, 'application/octet-stream');
    expect((await app.inject({ method: 'GET', url: webp.json().picture })).headers['content-type']).toBe('image/webp');
  });

  it('refuses an HTML file declared as image/png, and keeps the picture the agent had', async () => {
    const before = (await upload(plain, PNG_BYTES)).json().picture;
    const html = await upload(plain, Buffer.from('<!doctype html><script>alert(document.cookie)</script>'), 'image/png');
    expect(html.statusCode).toBe(415);
    expect(html.json().error.code).toBe('image_type_refused');
    expect((await me(plain)).picture).toBe(before);
    expect(files()).toEqual([before.split('/').pop()]);
    expect((await upload(plain, Buffer.alloc(0))).json().error.code).toBe('image_type_refused');
  });

  it('refuses a picture over 1 MB with too_large and stores nothing', async () => {
    const big = Buffer.concat([PNG_BYTES, Buffer.alloc(AVATAR_MAX_BYTES + 1 - PNG_BYTES.length)]);
    const res = await upload(plain, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('too_large');
    expect((await me(plain)).picture).toBeUndefined();
    expect(files()).toEqual([]);
    const justUnder = await upload(plain, big.subarray(0, AVATAR_MAX_BYTES));
    expect(justUnder.statusCode).toBe(200);
  });

  it('removes EXIF and the other metadata from a JPEG before it is stored or served', async () => {
    const res = await upload(plain, JPEG_WITH_EXIF, 'image/jpeg');
    expect(res.statusCode).toBe(200);
    const served = await app.inject({ method: 'GET', url: res.json().picture });
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.rawPayload.equals(JPEG_STRIPPED)).toBe(true);
    const onDisk = readFileSync(join(dir, 'avatars', files()[0]!)).toString('latin1');
    expect(onDisk).not.toContain('Exif');
    expect(onDisk).not.toContain(GPS_TEXT);
  });

  it('replacing or removing a picture removes the old file, and its URL answers 404', async () => {
    const first = (await upload(plain, PNG_BYTES)).json().picture;
    const second = (await upload(plain, WEBP_BYTES)).json().picture;
    expect(second).not.toBe(first);
    expect((await app.inject({ method: 'GET', url: first })).statusCode).toBe(404);
    expect(files()).toEqual([second.split('/').pop()]);

    const removed = await app.inject({ method: 'DELETE', url: '/api/account/picture', cookies: plain });
    expect(removed.json()).toEqual({ picture: null });
    expect((await app.inject({ method: 'GET', url: second })).statusCode).toBe(404);
    expect(files()).toEqual([]);
    expect((await me(plain)).picture).toBeUndefined();
  });

  it('an admin sets and removes the picture of an agent of their site; deactivating the agent removes it', async () => {
    const id = agentId('plain@shop.example');
    const url = `/api/admin/agents/${id}/picture`;
    expect((await upload(plain, PNG_BYTES, 'image/png', url)).statusCode).toBe(403);
    const set = await upload(admin, PNG_BYTES, 'image/png', url);
    expect(set.statusCode).toBe(200);
    expect((await me(plain)).picture).toBe(set.json().picture);
    expect((await app.inject({ method: 'DELETE', url, cookies: admin })).json()).toEqual({ picture: null });
    expect((await me(plain)).picture).toBeUndefined();

    const again = (await upload(admin, PNG_BYTES, 'image/png', url)).json().picture;
    await app.inject({ method: 'PATCH', url: `/api/admin/agents/${id}`, cookies: admin, payload: { active: false } });
    await expect.poll(() => files()).toEqual([]);
    expect((await app.inject({ method: 'GET', url: again })).statusCode).toBe(404);
  });

  it('another site’s agent answers like a missing one, and is left as it was', async () => {
    const other = await app.services.sites.create({ name: 'Other', allowedOrigins: [] });
    const foreign = await app.services.agents.create({
      siteId: other.id,
      email: 'x@other.example',
      name: 'X',
      role: 'agent',
      password: 'x-pass-long',
    });
    const foreignId = foreign.ok ? foreign.data.id : '';
    const put = await upload(admin, PNG_BYTES, 'image/png', `/api/admin/agents/${foreignId}/picture`);
    const missing = await upload(admin, PNG_BYTES, 'image/png', '/api/admin/agents/agt_doesnotexist0000/picture');
    expect(put.statusCode).toBe(404);
    expect(put.json()).toEqual(missing.json());
    const del = await app.inject({ method: 'DELETE', url: `/api/admin/agents/${foreignId}/picture`, cookies: admin });
    expect(del.statusCode).toBe(404);
    expect((await app.services.team.list(other.id)).agents[0]!.picture).toBeUndefined();
    expect(files()).toEqual([]);
  });

  it('needs a session to upload, and unknown picture ids are not found', async () => {
    expect((await app.inject({ method: 'PUT', url: '/api/account/picture', payload: PNG_BYTES })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/avatars/AAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/avatars/..%2Ftest.sqlite' })).statusCode).toBe(400);
  });
});
