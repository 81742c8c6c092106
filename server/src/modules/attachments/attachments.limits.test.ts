import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addAgent,
  connectVisitorSession,
  login,
  SHOP_ORIGIN,
  startTestServer,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { pdf } from './test-files.ts';

let server: TestServer;
const sockets: VisitorSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

const storedFiles = () => {
  const dir = server.config.attachments.dir;
  return existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;
};

/** A shopper's upload from a client address (the server trusts X-Forwarded-For here, as behind a proxy). */
async function shopperUpload(token: string, clientId: string, ip: string): Promise<Response> {
  return fetch(`${server.url}/api/visitor/attachments?clientId=${clientId}&name=invoice.pdf`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'x-mostrador-site': server.siteKey,
      origin: SHOP_ORIGIN,
      'x-forwarded-for': ip,
      'content-type': 'application/octet-stream',
    },
    body: pdf(),
  });
}

describe('upload volume per address', () => {
  it('refuses a shopper address past its volume with 429 and Retry-After, storing nothing; other addresses and agents go on', async () => {
    // One megabyte, never refilled: four small files (each counts a quarter of a megabyte), then no more.
    server = await startTestServer({ trustProxy: true, limits: { visitorUploadMbPerIp: { burst: 1, perSecond: 0 } } });
    const first = await connectVisitorSession(server);
    const second = await connectVisitorSession(server);
    sockets.push(first.socket, second.socket);

    const granted = [];
    for (let i = 0; i < 4; i += 1) granted.push((await shopperUpload(first.token, `volume-a-${i}`, '203.0.113.7')).status);
    expect(granted).toEqual([200, 200, 200, 200]);
    // Another visitor token from the same address shares its budget: tokens are free to make.
    const refused = await shopperUpload(second.token, 'volume-b-0', '203.0.113.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(storedFiles()).toBe(4);

    expect((await shopperUpload(second.token, 'volume-b-1', '198.51.100.9')).status).toBe(200);
    await addAgent(server, { email: 'files@shop.example', name: 'Files' });
    const cookie = await login(server.url, 'files@shop.example', 'correct horse battery');
    const agentUpload = await fetch(`${server.url}/api/attachments?clientId=volume-agent&name=invoice.pdf`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/octet-stream', 'x-forwarded-for': '203.0.113.7' },
      body: pdf(),
    });
    expect(agentUpload.status).toBe(200);
    expect(storedFiles()).toBe(6);
  });
});
