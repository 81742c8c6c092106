import { afterEach, describe, expect, it } from 'vitest';
import {
  addAgent,
  AGENT_PASSWORD,
  agentCommand,
  connectAgent,
  connected,
  connectVisitor,
  login,
  nextFact,
  startTestServer,
  visitorCommand,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { droppedByServer, reconnect } from '../../testing/agent-sockets.ts';

let server: TestServer;
const sockets: Array<AgentSocket | VisitorSocket> = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server?.close();
});

/** A console tab: a login of its own and its socket. */
async function consoleOf(email: string, password = AGENT_PASSWORD): Promise<{ cookie: string; socket: AgentSocket }> {
  const cookie = await login(server.url, email, password);
  const socket = connectAgent(server.url, cookie);
  sockets.push(socket);
  await connected(socket);
  return { cookie, socket };
}

function call(method: string, path: string, cookie: string, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The `agent` of an admin or auth response. */
async function agentIn(res: Response): Promise<Record<string, unknown>> {
  return ((await res.json()) as { agent: Record<string, unknown> }).agent;
}

async function marta(): Promise<string> {
  return server.app.services.agents.list(server.app.services.sites.byKey(server.siteKey)!.id).find((a) => a.name === 'Marta')!.id;
}

describe('deactivating an agent', () => {
  it('drops their socket, requeues their chats at once (not after the grace period), and refuses their login', async () => {
    // A long grace period: a requeue seen now cannot be the ordinary offline path.
    server = await startTestServer({ offlineGraceMs: 60_000 });
    await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
    const agent = await consoleOf(server.agentEmail);
    const visitor = connectVisitor(server.url, { siteKey: server.siteKey });
    sockets.push(visitor);
    await connected(visitor);
    const sent = await visitorCommand(visitor, 'message:send', { clientId: 'deact-msg-1', body: 'hola' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.conversation.agents).toEqual([{ name: 'Marta' }]);

    const boss = await consoleOf('boss@shop.example');
    await agentCommand(boss.socket, 'presence:set', { status: 'away' });
    const dropped = droppedByServer(agent.socket);
    const told = nextFact<VisitorSocket, { event: { type: string; reason?: string } }>(visitor, 'conversation:changed');
    const res = await call('PATCH', `/api/admin/agents/${await marta()}`, boss.cookie, { active: false });
    expect(res.status).toBe(200);
    expect(await agentIn(res)).toMatchObject({ name: 'Marta', active: false, status: 'offline' });

    expect(await dropped).toBe('io server disconnect');
    expect((await told).event).toMatchObject({ type: 'left', reason: 'offline' });
    const queue = await agentCommand(boss.socket, 'conversation:list', { view: 'queue' });
    expect(queue.ok && queue.data.conversations.map((c) => [c.id, c.assignee])).toEqual([[sent.data.conversation.id, null]]);

    expect(await reconnect(agent.socket)).toBe('unauthorized');
    expect((await call('GET', '/api/auth/me', agent.cookie)).status).toBe(401);
    await expect(login(server.url, server.agentEmail, AGENT_PASSWORD)).rejects.toThrow('401');

    // Reactivated, she logs in again; deactivating yourself is refused.
    const back = await call('PATCH', `/api/admin/agents/${await marta()}`, boss.cookie, { active: true });
    expect(await agentIn(back)).toMatchObject({ active: true });
    await consoleOf(server.agentEmail);
    const me = (await agentIn(await call('GET', '/api/auth/me', boss.cookie))).id as string;
    const self = await call('PATCH', `/api/admin/agents/${me}`, boss.cookie, { active: false });
    expect(self.status).toBe(409);
    expect((await call('GET', '/api/auth/me', boss.cookie)).status).toBe(200);
  });
});

describe('changing a password', () => {
  it('ends every other session and its sockets, and keeps the one that changed it', async () => {
    server = await startTestServer();
    const here = await consoleOf(server.agentEmail);
    const elsewhere = await consoleOf(server.agentEmail);
    const dropped = droppedByServer(elsewhere.socket);
    let hereDropped = false;
    here.socket.on('disconnect', () => {
      hereDropped = true;
    });

    const wrong = await call('PUT', '/api/account/password', here.cookie, { currentPassword: 'not it', newPassword: 'a new passphrase' });
    expect(wrong.status).toBe(403);
    expect((await call('GET', '/api/auth/me', elsewhere.cookie)).status).toBe(200);

    const res = await call('PUT', '/api/account/password', here.cookie, {
      currentPassword: AGENT_PASSWORD,
      newPassword: 'a new passphrase',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ended: 1 });
    expect(await dropped).toBe('io server disconnect');
    expect((await call('GET', '/api/auth/me', elsewhere.cookie)).status).toBe(401);
    expect(await reconnect(elsewhere.socket)).toBe('unauthorized');

    // The marker: this socket still answers, and heard no disconnect.
    expect((await agentCommand(here.socket, 'team:list', {})).ok).toBe(true);
    expect(hereDropped).toBe(false);
    expect((await call('GET', '/api/auth/me', here.cookie)).status).toBe(200);
    await expect(login(server.url, server.agentEmail, AGENT_PASSWORD)).rejects.toThrow('401');
    await consoleOf(server.agentEmail, 'a new passphrase');
  });

  it('set by an admin, ends every session of that agent', async () => {
    server = await startTestServer();
    await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
    const agent = await consoleOf(server.agentEmail);
    const boss = await consoleOf('boss@shop.example');
    const dropped = droppedByServer(agent.socket);
    const res = await call('PATCH', `/api/admin/agents/${await marta()}`, boss.cookie, { password: 'reset by admin' });
    expect(res.status).toBe(200);
    expect(await dropped).toBe('io server disconnect');
    expect((await call('GET', '/api/auth/me', agent.cookie)).status).toBe(401);
    expect((await agentCommand(boss.socket, 'team:list', {})).ok).toBe(true);
  });
});

describe('changing a role', () => {
  it('takes admin powers from an open socket at once', async () => {
    server = await startTestServer();
    const demotedId = await addAgent(server, { email: 'was-admin@shop.example', name: 'Was admin', role: 'admin' });
    await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
    const demoted = await consoleOf('was-admin@shop.example');
    const boss = await consoleOf('boss@shop.example');
    expect((await agentCommand(demoted.socket, 'conversation:list', { view: 'all' })).ok).toBe(true);

    const dropped = droppedByServer(demoted.socket);
    const res = await call('PATCH', `/api/admin/agents/${demotedId}`, boss.cookie, { role: 'agent' });
    expect(res.status).toBe(200);
    expect(await dropped).toBe('io server disconnect');
    // The console reconnects with the same session, which now carries the new role.
    expect(await reconnect(demoted.socket)).toBe('connected');
    expect(await agentCommand(demoted.socket, 'conversation:list', { view: 'all' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await call('GET', '/api/admin/agents', demoted.cookie)).status).toBe(403);
  });

  it('moves an agent out of a department for an open socket at once', async () => {
    server = await startTestServer();
    const site = server.app.services.sites.byKey(server.siteKey)!;
    const sales = await server.app.services.departments.create(site.id, { slug: 'sales', name: 'Sales', routing: 'manual' });
    if (!sales.ok) throw new Error(sales.error.message);
    const movedId = await addAgent(server, { email: 'moved@shop.example', name: 'Moved', departmentIds: [sales.data.id] });
    await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
    const moved = await consoleOf('moved@shop.example');
    const boss = await consoleOf('boss@shop.example');
    const visitor = connectVisitor(server.url, { siteKey: server.siteKey });
    sockets.push(visitor);
    await connected(visitor);
    const sent = await visitorCommand(visitor, 'message:send', { clientId: 'dept-msg-01', body: 'hola', department: 'sales' });
    if (!sent.ok) throw new Error(sent.error.message);
    const queue = async () => {
      const listed = await agentCommand(moved.socket, 'conversation:list', { view: 'queue' });
      return listed.ok ? listed.data.conversations.map((c) => c.id) : listed.error.code;
    };
    expect(await queue()).toEqual([sent.data.conversation.id]);

    const dropped = droppedByServer(moved.socket);
    const res = await call('PATCH', `/api/admin/agents/${movedId}`, boss.cookie, { departmentIds: [] });
    expect(res.status).toBe(200);
    expect(await dropped).toBe('io server disconnect');
    expect(await reconnect(moved.socket)).toBe('connected');
    expect(await queue()).toEqual([]);
  });
});
