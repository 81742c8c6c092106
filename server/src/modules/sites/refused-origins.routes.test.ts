import { ORIGIN_NOT_ALLOWED } from '@mostrador/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addAgent,
  AGENT_PASSWORD,
  connected,
  connectVisitor,
  login,
  SHOP_ORIGIN,
  startTestServer,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';

const NEW_SHOP = 'https://new-shop.example';

let server: TestServer;
let adminCookie: string;
const sockets: VisitorSocket[] = [];

beforeEach(async () => {
  server = await startTestServer();
  await addAgent(server, { email: 'admin@shop.example', name: 'Admin', role: 'admin' });
  adminCookie = await login(server.url, 'admin@shop.example', AGENT_PASSWORD);
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await server.close();
});

function api(method: string, path: string, body?: unknown, cookie = adminCookie) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A widget's connection attempt from `origin`: resolves with the refusal, or null once connected. */
async function attempt(origin: string): Promise<(Error & { data?: unknown }) | null> {
  const socket = connectVisitor(server.url, { siteKey: server.siteKey }, origin);
  sockets.push(socket);
  try {
    await connected(socket);
    return null;
  } catch (err) {
    return err as Error & { data?: unknown };
  }
}

describe('refused shop origins', () => {
  it('refuses a handshake from an origin the site does not allow with a code the widget can read', async () => {
    const refusal = await attempt(NEW_SHOP);
    expect(refusal?.message).toBe(ORIGIN_NOT_ALLOWED);
    expect(refusal?.data).toEqual({ code: ORIGIN_NOT_ALLOWED });
  });

  it('lists refused origins to admins only, with a count and when last seen', async () => {
    const before = Date.now();
    await attempt(NEW_SHOP);
    await attempt(`${NEW_SHOP}/`);
    const res = await api('GET', '/api/admin/site/refused-origins');
    expect(res.status).toBe(200);
    const { origins } = (await res.json()) as { origins: Array<{ origin: string; count: number; lastSeenAt: number }> };
    expect(origins).toEqual([{ origin: NEW_SHOP, count: 2, lastSeenAt: expect.any(Number) }]);
    expect(origins[0]!.lastSeenAt).toBeGreaterThanOrEqual(before);

    const agentCookie = await login(server.url, server.agentEmail, AGENT_PASSWORD);
    expect((await api('GET', '/api/admin/site/refused-origins', undefined, agentCookie)).status).toBe(403);
    expect((await api('POST', '/api/admin/site/allowed-origins', { origin: NEW_SHOP }, agentCookie)).status).toBe(403);
    expect(server.app.services.sites.byKey(server.siteKey)!.allowedOrigins).toEqual([SHOP_ORIGIN]);
  });

  it('allows a refused origin in one step: the list drops it and its next handshake connects', async () => {
    expect(await attempt(NEW_SHOP)).not.toBeNull();
    const res = await api('POST', '/api/admin/site/allowed-origins', { origin: `${NEW_SHOP}/` });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { allowedOrigins: string[] }).allowedOrigins).toEqual([SHOP_ORIGIN, NEW_SHOP]);

    expect(await attempt(NEW_SHOP)).toBeNull();
    const listed = (await (await api('GET', '/api/admin/site/refused-origins')).json()) as { origins: unknown[] };
    expect(listed.origins).toEqual([]);
    // Allowing it again changes nothing.
    const again = (await (await api('POST', '/api/admin/site/allowed-origins', { origin: NEW_SHOP })).json()) as {
      allowedOrigins: string[];
    };
    expect(again.allowedOrigins).toEqual([SHOP_ORIGIN, NEW_SHOP]);
  });

  it('refuses to allow something that is not an http(s) origin, and keeps the list as it was', async () => {
    const res = await api('POST', '/api/admin/site/allowed-origins', { origin: 'javascript:alert(1)' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_payload');
    expect(server.app.services.sites.byKey(server.siteKey)!.allowedOrigins).toEqual([SHOP_ORIGIN]);
  });

  it('drops an origin from the list once the admin allows it by hand in the settings', async () => {
    await attempt(NEW_SHOP);
    await api('PATCH', '/api/admin/site', { allowedOrigins: [SHOP_ORIGIN, NEW_SHOP] });
    const listed = (await (await api('GET', '/api/admin/site/refused-origins')).json()) as { origins: unknown[] };
    expect(listed.origins).toEqual([]);
  });
});
