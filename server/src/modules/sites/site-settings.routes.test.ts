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

describe('site settings: typing preview and verified identity', () => {
  it('starts with previews on, identity not enforced, and a 256-bit secret', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/admin/site', cookies: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ typingPreview: true, identityEnforced: false });
    expect(res.json().identitySecret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('switches previews and enforcement, but never takes a secret from the request', async () => {
    const before = (await app.inject({ method: 'GET', url: '/api/admin/site', cookies: admin })).json();
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/admin/site',
      cookies: admin,
      payload: { typingPreview: false, identityEnforced: true, identitySecret: 'chosen-by-attacker' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ typingPreview: false, identityEnforced: true, identitySecret: before.identitySecret });
  });

  it('rotates the secret for admins only', async () => {
    const before = (await app.inject({ method: 'GET', url: '/api/admin/site', cookies: admin })).json();
    expect((await app.inject({ method: 'POST', url: '/api/admin/site/identity-secret', cookies: plain })).statusCode).toBe(403);
    const res = await app.inject({ method: 'POST', url: '/api/admin/site/identity-secret', cookies: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json().identitySecret).toMatch(/^[0-9a-f]{64}$/);
    expect(res.json().identitySecret).not.toBe(before.identitySecret);
  });
});

describe('site settings: the pre-chat form', () => {
  const patch = (cookies: Record<string, string>, payload: object) =>
    app.inject({ method: 'PATCH', url: '/api/admin/site', cookies, payload });
  const preChatNow = async () => (await app.inject({ method: 'GET', url: '/api/admin/site', cookies: admin })).json().preChat;

  it('starts off, and an admin asks for a name and an email', async () => {
    expect(await preChatNow()).toBe('off');
    const res = await patch(admin, { preChat: 'name_email' });
    expect(res.statusCode).toBe(200);
    expect(res.json().preChat).toBe('name_email');
    expect(await preChatNow()).toBe('name_email');
  });

  it('is the admins’ to change, and takes only the modes it knows', async () => {
    const byAgent = await patch(plain, { preChat: 'email' });
    expect(byAgent.statusCode).toBe(403);
    const unknown = await patch(admin, { preChat: 'phone' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'invalid_payload']);
    expect(await preChatNow()).toBe('off');
  });
});
