import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Limits } from '../../config.ts';
import { buildTestApp } from '../../testing/harness.ts';
import type { App } from '../../app.ts';

describe('login limits', () => {
  let app: App;
  let cleanup: () => Promise<void>;

  async function start(limits: Partial<Limits>) {
    ({ app, cleanup } = await buildTestApp({ limits }));
    const site = await app.services.sites.create({ name: 'Shop', allowedOrigins: [] });
    await app.services.agents.create({
      siteId: site.id,
      email: 'nuria@shop.example',
      name: 'Núria',
      role: 'admin',
      password: 'a long passphrase',
    });
  }

  const login = (password: string, remoteAddress = '203.0.113.7', email = 'nuria@shop.example') =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

  afterEach(async () => {
    vi.useRealTimers();
    await cleanup();
  });

  it('holds an email back with 429 and Retry-After after repeated wrong passwords, even for the right one, until the wait is over', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await start({ loginFreeFailures: 3, loginBaseDelayMs: 2_000, loginMaxDelayMs: 4_000 });
    for (let i = 0; i < 4; i += 1) expect((await login('guess')).statusCode).toBe(401);

    const held = await login('a long passphrase');
    expect(held.statusCode).toBe(429);
    expect(held.headers['retry-after']).toBe('2');
    expect(held.json().error).toMatchObject({ code: 'rate_limited', retryAfterMs: 2_000 });
    expect(held.cookies).toEqual([]);
    // Another address gets the same answer: the limit is the email's.
    expect((await login('a long passphrase', '198.51.100.1')).statusCode).toBe(429);

    vi.advanceTimersByTime(2_000);
    const after = await login('a long passphrase');
    expect(after.statusCode).toBe(200);
    expect(after.cookies.some((c) => c.name === 'mostrador_session')).toBe(true);
    // The success reset the count: the next wrong password is a plain 401 again.
    expect((await login('guess')).statusCode).toBe(401);
  });

  it('counts guesses sent all at once before any is checked, so they cannot slip past the delays', async () => {
    await start({ loginFreeFailures: 3, loginBaseDelayMs: 60_000, loginMaxDelayMs: 60_000 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => login('guess')));
    expect(answers.filter((a) => a.statusCode === 401)).toHaveLength(4);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(6);
  });

  it('never holds the real agent back longer than the ceiling, however many guesses came before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await start({ loginFreeFailures: 1, loginBaseDelayMs: 1_000, loginMaxDelayMs: 3_000 });
    for (let i = 0; i < 10; i += 1) {
      const res = await login('guess');
      expect([401, 429]).toContain(res.statusCode);
      if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(3);
      vi.advanceTimersByTime(3_000);
    }
    expect((await login('a long passphrase')).statusCode).toBe(200);
  });

  it('answers 429 with Retry-After to one address past its attempts a minute, whatever the emails, and not to others', async () => {
    await start({ loginPerIpPerMinute: 5 });
    for (let i = 0; i < 5; i += 1) expect((await login('guess', '203.0.113.7', `user${i}@shop.example`)).statusCode).toBe(401);
    const refused = await login('a long passphrase');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json().error.code).toBe('rate_limited');
    expect((await login('a long passphrase', '198.51.100.1')).statusCode).toBe(200);
  });
});
