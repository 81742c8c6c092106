import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../app.ts';
import { buildTestApp, siteWithAdminAndAgent } from '../testing/harness.ts';

let app: App;
let cleanup: () => Promise<void>;
let admin: Record<string, string>;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp({ consoleOrigins: ['https://console.shop.example'] }));
  ({ admin } = await siteWithAdminAndAgent(app));
});

afterEach(() => cleanup());

const newAgent = { email: 'mallory@evil.example', name: 'Mallory', role: 'admin', password: 'long-enough' };

async function agentEmails(): Promise<string[]> {
  const res = await app.inject({ method: 'GET', url: '/api/admin/agents', cookies: admin });
  return res.json().agents.map((a: { email: string }) => a.email);
}

function createAdmin(headers: Record<string, string>) {
  return app.inject({ method: 'POST', url: '/api/admin/agents', cookies: admin, headers, payload: newAgent });
}

describe('state-changing API calls from another site', () => {
  it('refuses one with a foreign Origin and the admin’s cookie, and creates no admin', async () => {
    const before = await agentEmails();
    const res = await createAdmin({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: { code: 'forbidden', message: 'Cross-site request refused' } });
    expect(await agentEmails()).toEqual(before);
  });

  it('refuses a foreign Origin alone, Sec-Fetch-Site alone, a sibling subdomain and the opaque origin', async () => {
    const refused: Array<Record<string, string>> = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://blog.localhost', 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'null' },
    ];
    for (const headers of refused) {
      expect((await createAdmin(headers)).statusCode, JSON.stringify(headers)).toBe(403);
    }
    for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
      const res = await app.inject({
        method,
        url: '/api/admin/site',
        cookies: admin,
        headers: { origin: 'https://evil.example' },
        payload: {},
      });
      expect(res.statusCode, method).toBe(403);
    }
    // However the path is spelled.
    const encoded = await app.inject({
      method: 'POST',
      url: '/%61pi/admin/agents',
      cookies: admin,
      headers: { origin: 'https://evil.example' },
      payload: newAgent,
    });
    expect(encoded.statusCode).toBe(403);
    expect(await agentEmails()).not.toContain(newAgent.email);
  });

  it('accepts the console on this origin or a configured one, and clients that send neither header', async () => {
    expect((await createAdmin({ origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    const second = { ...newAgent, email: 'second@shop.example' };
    const fromConsole = await app.inject({
      method: 'POST',
      url: '/api/admin/agents',
      cookies: admin,
      headers: { origin: 'https://console.shop.example', 'sec-fetch-site': 'same-site' },
      payload: second,
    });
    expect(fromConsole.statusCode).toBe(201);
    const third = { ...newAgent, email: 'third@shop.example' };
    const script = await app.inject({ method: 'POST', url: '/api/admin/agents', cookies: admin, payload: third });
    expect(script.statusCode).toBe(201);
    expect(await agentEmails()).toEqual(expect.arrayContaining([newAgent.email, second.email, third.email]));
  });

  it('lets reads through from anywhere: the browser will not show them to the other site', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/admin/agents', cookies: admin, headers: { origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(200);
  });
});
