import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AttachmentInfo } from '@mostrador/shared';
import { expect } from 'vitest';
import {
  addAgent,
  connectAgentAs,
  connectVisitorSession,
  login,
  SHOP_ORIGIN,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { serverPerTest as serverPerTestOf } from '../../testing/server-per-test.ts';

/** The attachments tests' clients: a shopper (visitor token) and an agent (session cookie), each with its file routes. */

let clientIds = 0;
export const newClientId = () => `client-${++clientIds}-${Date.now()}`;

export async function shopperClient(server: TestServer, sockets: Array<VisitorSocket | AgentSocket>) {
  const opened = await connectVisitorSession(server);
  sockets.push(opened.socket);
  const headers = { authorization: `Bearer ${opened.token}`, 'x-mostrador-site': server.siteKey, origin: SHOP_ORIGIN };
  return {
    ...opened,
    upload: (bytes: Buffer, name: string, clientId = newClientId()) =>
      fetch(`${server.url}/api/visitor/attachments?clientId=${clientId}&name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        body: bytes,
      }),
    link: (id: string) => fetch(`${server.url}/api/visitor/attachments/${id}/link`, { headers }),
    discard: (id: string) => fetch(`${server.url}/api/visitor/attachments/${id}`, { method: 'DELETE', headers }),
  };
}

export async function agentClient(server: TestServer, sockets: Array<VisitorSocket | AgentSocket>, email: string) {
  const cookie = await login(server.url, email, 'correct horse battery');
  const socket = await connectAgentAs(server, email);
  sockets.push(socket);
  return {
    socket,
    upload: (bytes: Buffer, name: string, clientId = newClientId()) =>
      fetch(`${server.url}/api/attachments?clientId=${clientId}&name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/octet-stream' },
        body: bytes,
      }),
    link: (id: string) => fetch(`${server.url}/api/attachments/${id}/link`, { headers: { cookie } }),
    discard: (id: string) => fetch(`${server.url}/api/attachments/${id}`, { method: 'DELETE', headers: { cookie, origin: server.url } }),
  };
}

/** Every stored file's path under the server's attachments folder. */
export function filesOnDisk(server: TestServer): string[] {
  const dir = server.config.attachments.dir;
  return existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name))
    : [];
}

/** Waits until every thumbnail job pending now is done (made or failed). */
export const thumbnailsDone = (server: TestServer): Promise<number> => server.app.services.thumbnails.runOnce();

export async function uploaded(res: Response): Promise<AttachmentInfo> {
  expect(res.status).toBe(200);
  return ((await res.json()) as { attachment: AttachmentInfo }).attachment;
}

/** A fresh server for each test, with an admin (admin@shop.example); see testing/server-per-test.ts. */
export const serverPerTest = () =>
  serverPerTestOf({}, async (server) => {
    await addAgent(server, { email: 'admin@shop.example', name: 'Admin', role: 'admin' });
  });
