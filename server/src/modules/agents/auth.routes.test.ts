import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../testing/harness.ts';
import type { App } from '../../app.ts';

let app: App;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  const site = await app.services.sites.create({ name: 'Shop', allowedOrigins: [] });
  await app.services.agents.create({
    siteId: site.id,
    email: 'Nuria@Shop.example',
    name: 'Núria',
    role: 'admin',
    password: 'a long passphrase',
  });
});

afterEach(() => cleanup());

function loginWith(email: string, password: unknown) {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
}

describe('auth routes', () => {
  it('logs in with the right password and sets an httpOnly session cookie', async () => {
    const res = await loginWith('nuria@shop.example', 'a long passphrase');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.agent).toMatchObject({ name: 'Núria', email: 'nuria@shop.example', role: 'admin' });
    expect(JSON.stringify(body)).not.toMatch(/password|hash|scrypt/i);
    const cookie = res.cookies.find((c) => c.name === 'mostrador_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('refuses a wrong password or an unknown email with the same answer', async () => {
    const wrong = await loginWith('nuria@shop.example', 'guess');
    const unknown = await loginWith('nobody@shop.example', 'guess');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.cookies).toEqual([]);
  });

  it('refuses a malformed body with 400 before looking anything up', async () => {
    const res = await loginWith('not an email', 12);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_payload');
  });

  it('answers /me only with a live session, and logout ends it', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const login = await loginWith('nuria@shop.example', 'a long passphrase');
    const session = login.cookies.find((c) => c.name === 'mostrador_session')!;
    const cookies = { mostrador_session: session.value };

    const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies });
    expect(me.statusCode).toBe(200);
    expect(me.json().agent.name).toBe('Núria');

    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', cookies });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', cookies })).statusCode).toBe(401);
  });

  it('guards the conversation routes', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/conversations' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'unauthorized', message: 'Log in first' } });
  });
});
