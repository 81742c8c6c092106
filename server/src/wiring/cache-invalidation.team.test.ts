import { describe, expect, it } from 'vitest';
import type { AgentSummary } from '@mostrador/shared';
import { AGENT_PASSWORD, agentCommand, connectAgent, connected, connectVisitor, login, visitorCommand } from '../testing/harness.ts';
import { droppedByServer, reconnect } from '../testing/agent-sockets.ts';
import { clusterAdmin, clusterPerTest, type TestNode } from '../testing/cluster-apps.ts';
import { eventually } from '../testing/redis.ts';

const perTest = clusterPerTest();
const { sockets } = perTest;

/** An agent of the cluster's site, made on node A, with a console open on `node`. */
async function consoleOn(node: TestNode, email: string, role: 'admin' | 'agent' = 'agent') {
  const created = await perTest.cluster.nodes[0]!.app.services.agents.create({
    siteId: perTest.cluster.siteId,
    email,
    name: email.split('@')[0]!,
    role,
    password: AGENT_PASSWORD,
  });
  if (!created.ok) throw new Error(created.error.message);
  const cookie = await login(node.url, email, AGENT_PASSWORD);
  const socket = connectAgent(node.url, cookie);
  sockets.push(socket);
  await connected(socket);
  return { id: created.data.id, cookie, socket };
}

/** The site's agents as `node`'s admin page lists them. */
async function agentsOn(node: TestNode, admin: Record<string, string>): Promise<AgentSummary[]> {
  return (await node.app.inject({ method: 'GET', url: '/api/admin/agents', cookies: admin })).json<{ agents: AgentSummary[] }>().agents;
}

describe('an agent changed on one node of a cluster', () => {
  it('has a new role on the other: listed there, their socket there dropped, and back with the new role', async () => {
    const cluster = await perTest.start(2);
    const [a, b] = cluster.nodes;
    const admin = await clusterAdmin(cluster);
    const demoted = await consoleOn(b!, 'was-admin@shop.example', 'admin');
    expect((await agentCommand(demoted.socket, 'conversation:list', { view: 'all' })).ok).toBe(true);

    const dropped = droppedByServer(demoted.socket);
    const res = await a!.app.inject({
      method: 'PATCH',
      url: `/api/admin/agents/${demoted.id}`,
      cookies: admin,
      payload: { role: 'agent' },
    });
    expect(res.statusCode).toBe(200);
    expect(await dropped).toBe('io server disconnect');
    expect(await reconnect(demoted.socket)).toBe('connected');
    expect(await agentCommand(demoted.socket, 'conversation:list', { view: 'all' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await eventually('b lists the new role', async () => (await agentsOn(b!, admin)).find((x) => x.id === demoted.id)?.role === 'agent');
  });

  it('serves a department on the other: its widget line, its members, and the queue of a member’s socket there', async () => {
    const cluster = await perTest.start(2);
    const [a, b] = cluster.nodes;
    const admin = await clusterAdmin(cluster);
    const moved = await consoleOn(b!, 'moved@shop.example');
    const created = await a!.app.inject({
      method: 'POST',
      url: '/api/admin/departments',
      cookies: admin,
      payload: { slug: 'sales', name: 'Sales', routing: 'manual' },
    });
    expect(created.statusCode).toBe(201);
    const sales = created.json<{ department: { id: string } }>().department.id;
    const dropped = droppedByServer(moved.socket);
    const res = await a!.app.inject({
      method: 'PATCH',
      url: `/api/admin/agents/${moved.id}`,
      cookies: admin,
      payload: { departmentIds: [sales] },
    });
    expect(res.statusCode).toBe(200);
    expect(await dropped).toBe('io server disconnect');
    expect(await reconnect(moved.socket)).toBe('connected');

    await eventually(
      'b lists the member',
      async () => (await agentsOn(b!, admin)).find((x) => x.id === moved.id)?.departmentIds[0] === sales,
    );
    const visitor = connectVisitor(b!.url, { siteKey: cluster.siteKey });
    sockets.push(visitor);
    await connected(visitor);
    const sent = await visitorCommand(visitor, 'message:send', { clientId: 'cluster-dept-1', body: 'hola', department: 'sales' });
    if (!sent.ok) throw new Error(sent.error.message);
    const queue = await agentCommand(moved.socket, 'conversation:list', { view: 'queue' });
    expect(queue.ok && queue.data.conversations.map((c) => c.id)).toEqual([sent.data.conversation.id]);
  });

  it('is deactivated on the other too: their socket there dropped, their session refused there, listed inactive', async () => {
    const cluster = await perTest.start(2);
    const [a, b] = cluster.nodes;
    const admin = await clusterAdmin(cluster);
    const leaving = await consoleOn(b!, 'leaving@shop.example');
    const dropped = droppedByServer(leaving.socket);
    const res = await a!.app.inject({
      method: 'PATCH',
      url: `/api/admin/agents/${leaving.id}`,
      cookies: admin,
      payload: { active: false },
    });
    expect(res.statusCode).toBe(200);
    expect(await dropped).toBe('io server disconnect');
    expect(await reconnect(leaving.socket)).toBe('unauthorized');
    expect((await fetch(`${b!.url}/api/auth/me`, { headers: { cookie: leaving.cookie } })).status).toBe(401);
    await eventually('b lists them inactive', async () => (await agentsOn(b!, admin)).find((x) => x.id === leaving.id)?.active === false);
  });
});

describe('an agent’s picture changed on one node of a cluster', () => {
  it('is in the other node’s team list', async () => {
    const cluster = await perTest.start(2);
    const [a, b] = cluster.nodes;
    const admin = await clusterAdmin(cluster);
    const agent = await consoleOn(a!, 'pictured@shop.example');
    // A PNG's signature and header: what the upload checks.
    const png = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001080600000000', 'hex');
    const set = await a!.app.services.avatars.set(cluster.siteId, agent.id, png);
    if (!set.ok) throw new Error(set.error.message);
    expect(set.data.picture).toMatch(/^\/avatars\//);
    await eventually(
      'b lists the picture',
      async () => (await agentsOn(b!, admin)).find((x) => x.id === agent.id)?.picture === set.data.picture,
    );
  });
});

describe('an agent going away on one node of a cluster', () => {
  it('is away for the other node’s routing too', async () => {
    const cluster = await perTest.start(2);
    const [a, b] = cluster.nodes;
    const agent = await consoleOn(b!, 'busy@shop.example');
    expect(a!.app.services.agents.byId(cluster.siteId, agent.id)?.availability).toBe('online');
    expect((await agentCommand(agent.socket, 'presence:set', { status: 'away' })).ok).toBe(true);
    await eventually('a has them away', () => a!.app.services.agents.byId(cluster.siteId, agent.id)?.availability === 'away');
  });
});

describe('a session signed out on one node of a cluster', () => {
  it('stops working on the other at once, its socket there included', async () => {
    const cluster = await perTest.start(2);
    const [a, b] = cluster.nodes;
    const agent = await consoleOn(b!, 'going@shop.example');
    const other = await consoleOn(b!, 'staying@shop.example');
    const dropped = droppedByServer(agent.socket);
    const out = await fetch(`${a!.url}/api/auth/logout`, { method: 'POST', headers: { cookie: agent.cookie, origin: a!.url } });
    expect(out.status).toBe(204);
    expect((await fetch(`${b!.url}/api/auth/me`, { headers: { cookie: agent.cookie } })).status).toBe(401);
    expect(await dropped).toBe('io server disconnect');
    expect(await reconnect(agent.socket)).toBe('unauthorized');
    // Only that session's socket.
    expect((await agentCommand(other.socket, 'team:list', {})).ok).toBe(true);
  });
});
