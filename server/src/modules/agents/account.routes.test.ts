import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp } from '../../testing/harness.ts';

let app: App;
let cleanup: () => Promise<void>;

const EMAIL = 'nuria@shop.example';
const PASSWORD = 'a long passphrase';
const FIREFOX_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0';
const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  const site = await app.services.sites.create({ name: 'Shop', allowedOrigins: [] });
  await app.services.agents.create({ siteId: site.id, email: EMAIL, name: 'Núria', role: 'agent', password: PASSWORD });
});

afterEach(() => cleanup());

function sessionCookie(res: { cookies: Array<{ name: string; value: string }> }) {
  const cookie = res.cookies.find((c) => c.name === 'mostrador_session');
  return cookie ? { mostrador_session: cookie.value } : null;
}

async function loginFrom(userAgent: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'user-agent': userAgent },
    payload: { email: EMAIL, password: PASSWORD },
  });
  return { res, cookies: sessionCookie(res) };
}

const me = (cookies: Record<string, string>) => app.inject({ method: 'GET', url: '/api/auth/me', cookies });

describe('the agent’s own sessions', () => {
  it('lists each session with its device, marks the current one, and ends another', async () => {
    const phone = (await loginFrom(FIREFOX_ANDROID)).cookies!;
    const laptop = (await loginFrom(CHROME_MAC)).cookies!;
    const listed = await app.inject({ method: 'GET', url: '/api/account/sessions', cookies: laptop });
    expect(listed.statusCode).toBe(200);
    const sessions = listed.json().sessions as Array<{ id: string; current: boolean; device: unknown; lastSeenAt: number }>;
    expect(sessions).toHaveLength(2);
    const current = sessions.find((s) => s.current)!;
    const other = sessions.find((s) => !s.current)!;
    expect(current.device).toEqual({ type: 'desktop', os: 'macOS', browser: 'Chrome 131' });
    expect(other.device).toEqual({ type: 'mobile', os: 'Android', browser: 'Firefox 133' });
    expect(other.lastSeenAt).toBeGreaterThan(0);
    // The public id is neither the cookie nor what the table keys on.
    expect(listed.body).not.toContain(phone.mostrador_session);

    const ended = await app.inject({ method: 'DELETE', url: `/api/account/sessions/${other.id}`, cookies: laptop });
    expect(ended.statusCode).toBe(204);
    expect((await me(phone)).statusCode).toBe(401);
    expect((await me(laptop)).statusCode).toBe(200);
    const again = await app.inject({ method: 'DELETE', url: `/api/account/sessions/${other.id}`, cookies: laptop });
    expect(again.statusCode).toBe(404);
  });

  it('cannot end a colleague’s session, which answers like a missing one', async () => {
    const mine = (await loginFrom(CHROME_MAC)).cookies!;
    const siteId = (await me(mine)).json().agent.site.id;
    await app.services.agents.create({ siteId, email: 'other@shop.example', name: 'Other', role: 'admin', password: 'other-pass' });
    const theirs = sessionCookie(
      await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'other@shop.example', password: 'other-pass' } }),
    )!;
    const theirId = (await app.inject({ method: 'GET', url: '/api/account/sessions', cookies: theirs })).json().sessions[0].id;
    const res = await app.inject({ method: 'DELETE', url: `/api/account/sessions/${theirId}`, cookies: mine });
    expect(res.statusCode).toBe(404);
    expect((await me(theirs)).statusCode).toBe(200);
  });

  it('ends all the others at once and keeps this one', async () => {
    const a = (await loginFrom(FIREFOX_ANDROID)).cookies!;
    const b = (await loginFrom(FIREFOX_ANDROID)).cookies!;
    const here = (await loginFrom(CHROME_MAC)).cookies!;
    const res = await app.inject({ method: 'POST', url: '/api/account/sessions/end-others', cookies: here });
    expect(res.json()).toEqual({ ended: 2 });
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(401);
    const left = (await app.inject({ method: 'GET', url: '/api/account/sessions', cookies: here })).json().sessions;
    expect(left).toHaveLength(1);
    expect(left[0].current).toBe(true);
  });

  it('is for logged-in agents only', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/account/sessions' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/account/two-factor' })).statusCode).toBe(401);
  });
});

/** Codes as the agent's authenticator app would show them, `steps` periods from now. */
function codeFor(secret: string, steps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + steps * 30_000,
  });
}

async function enrol(cookies: Record<string, string>) {
  const begun = await app.inject({ method: 'POST', url: '/api/account/two-factor/enrolment', cookies });
  expect(begun.statusCode).toBe(200);
  const { secret, uri } = begun.json() as { secret: string; uri: string };
  expect(uri).toMatch(/^otpauth:\/\/totp\/Mostrador:nuria%40shop\.example\?/);
  expect(uri).toContain(`secret=${secret}`);
  const confirmed = await app.inject({
    method: 'POST',
    url: '/api/account/two-factor/confirm',
    cookies,
    payload: { code: codeFor(secret) },
  });
  expect(confirmed.statusCode).toBe(200);
  return { secret, recoveryCodes: confirmed.json().recoveryCodes as string[] };
}

describe('two-factor login', () => {
  it('needs a right code to switch on, and shows ten recovery codes once', async () => {
    const cookies = (await loginFrom(CHROME_MAC)).cookies!;
    const begun = (await app.inject({ method: 'POST', url: '/api/account/two-factor/enrolment', cookies })).json();
    const wrongCode = codeFor(begun.secret) === '000000' ? '111111' : '000000';
    const wrong = await app.inject({ method: 'POST', url: '/api/account/two-factor/confirm', cookies, payload: { code: wrongCode } });
    expect(wrong.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/account/two-factor', cookies })).json()).toEqual({
      enabled: false,
      recoveryCodesLeft: 0,
    });

    const { recoveryCodes } = await enrol(cookies);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect((await app.inject({ method: 'GET', url: '/api/account/two-factor', cookies })).json()).toEqual({
      enabled: true,
      recoveryCodesLeft: 10,
    });
    const twice = await app.inject({ method: 'POST', url: '/api/account/two-factor/enrolment', cookies });
    expect(twice.statusCode).toBe(409);
  });

  it('asks for the code after the password: no session until then, a wrong code refused, a right one logs in', async () => {
    const { secret } = await enrol((await loginFrom(CHROME_MAC)).cookies!);
    const first = await loginFrom(FIREFOX_ANDROID);
    expect(first.res.statusCode).toBe(200);
    expect(first.cookies).toBeNull();
    const { challenge } = first.res.json().secondStep as { challenge: string };
    expect(first.res.json().agent).toBeUndefined();
    // The challenge is not a session.
    expect((await me({ mostrador_session: challenge })).statusCode).toBe(401);

    const second = (code: string) => app.inject({ method: 'POST', url: '/api/auth/login/second-step', payload: { challenge, code } });
    const wrong = await second(codeFor(secret, 10));
    expect(wrong.statusCode).toBe(401);
    expect(sessionCookie(wrong)).toBeNull();

    // The enrolment used this period's code; the app's next one is accepted, once.
    const next = codeFor(secret, 1);
    const right = await second(next);
    expect(right.statusCode).toBe(200);
    expect(right.json().agent).toMatchObject({ email: EMAIL });
    const cookies = sessionCookie(right)!;
    expect((await me(cookies)).statusCode).toBe(200);
    expect((await second(next)).statusCode).toBe(401);

    const replay = await loginFrom(CHROME_MAC);
    const replayed = await app.inject({
      method: 'POST',
      url: '/api/auth/login/second-step',
      payload: { challenge: replay.res.json().secondStep.challenge, code: next },
    });
    expect(replayed.statusCode).toBe(401);
  });

  it('takes a recovery code instead, each only once', async () => {
    const cookies = (await loginFrom(CHROME_MAC)).cookies!;
    const { recoveryCodes } = await enrol(cookies);
    const code = recoveryCodes[3]!;
    const useCode = async (typed: string) => {
      const challenge = (await loginFrom(FIREFOX_ANDROID)).res.json().secondStep.challenge;
      return app.inject({ method: 'POST', url: '/api/auth/login/second-step', payload: { challenge, code: typed } });
    };
    // Typed as read from paper: upper case, without the dash.
    const used = await useCode(code.replace('-', ' ').toUpperCase());
    expect(used.statusCode).toBe(200);
    expect(sessionCookie(used)).not.toBeNull();
    expect((await useCode(code)).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/account/two-factor', cookies })).json().recoveryCodesLeft).toBe(9);
  });

  it('gives up a challenge after five wrong codes', async () => {
    const { secret } = await enrol((await loginFrom(CHROME_MAC)).cookies!);
    const challenge = (await loginFrom(FIREFOX_ANDROID)).res.json().secondStep.challenge;
    for (let i = 0; i < 5; i += 1) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login/second-step', payload: { challenge, code: 'wrong-code' } });
      expect(res.statusCode).toBe(401);
    }
    const late = await app.inject({ method: 'POST', url: '/api/auth/login/second-step', payload: { challenge, code: codeFor(secret, 1) } });
    expect(late.statusCode).toBe(401);
  });

  it('switches off with the password, and login is one step again', async () => {
    const cookies = (await loginFrom(CHROME_MAC)).cookies!;
    await enrol(cookies);
    const wrong = await app.inject({ method: 'POST', url: '/api/account/two-factor/disable', cookies, payload: { password: 'nope' } });
    expect(wrong.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/account/two-factor', cookies })).json().enabled).toBe(true);
    const off = await app.inject({ method: 'POST', url: '/api/account/two-factor/disable', cookies, payload: { password: PASSWORD } });
    expect(off.statusCode).toBe(204);
    const plain = await loginFrom(CHROME_MAC);
    expect(plain.cookies).not.toBeNull();
    expect(plain.res.json().agent).toMatchObject({ email: EMAIL });
  });
});
