import { describe, expect, it } from 'vitest';
import { DEFAULT_BRANDING } from '@mostrador/shared/branding';
import type { AgentSummary, OnlineAgents, TriggerFired } from '@mostrador/shared';
import {
  AGENT_PASSWORD,
  addAgent,
  agentCommand,
  connectAgentAs,
  connected,
  connectVisitor,
  login,
  nextFact,
  sqlOn,
  type AgentSocket,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { shopperWrote } from '../../testing/conversation-helpers.ts';
import { viewPage } from '../../testing/invitations.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/**
 * What follows a change in the team, without anyone reconnecting or
 * reloading: a department switched to automatic
 * gives out its waiting chats; the team's figures carry each agent's load;
 * widgets hear only real changes of who could answer; and a rule that waits
 * for an agent online fires when one comes.
 */
const scope = serverPerTest({}, async (server) => {
  await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
});
const { sockets } = scope;

const siteId = () => scope.server.app.services.sites.byKey(scope.server.siteKey)!.id;

async function manualDepartment(slug: string): Promise<string> {
  const created = await scope.server.app.services.departments.create(siteId(), { slug, name: slug, routing: 'manual' });
  if (!created.ok) throw new Error(created.error.message);
  return created.data.id;
}

async function agent(email: string): Promise<AgentSocket> {
  const socket = await connectAgentAs(scope.server, email);
  sockets.push(socket);
  return socket;
}

/** An admin's change through the console's REST API. */
async function adminPatch(path: string, body: unknown): Promise<number> {
  const cookie = await login(scope.server.url, 'boss@shop.example', AGENT_PASSWORD);
  const res = await fetch(`${scope.server.url}${path}`, {
    method: 'PATCH',
    headers: { cookie, 'content-type': 'application/json', origin: scope.server.url },
    body: JSON.stringify(body),
  });
  return res.status;
}

const shopperWrites = async (department?: string) =>
  (await shopperWrote(scope.server, sockets, { department, body: 'hola' })).conversationId;

const assigneeOf = async (conversationId: string) =>
  sqlOn(scope.server.app.engine).value<string | null>('SELECT assignee_id FROM conversations WHERE id = ?', conversationId);

describe('a change in the team', () => {
  it('gives a department’s waiting chats to its agents as soon as it is switched to automatic', async () => {
    const sales = await manualDepartment('sales');
    const ritaId = await addAgent(scope.server, { email: 'rita@shop.example', name: 'Rita', departmentIds: [sales] });
    await agent('rita@shop.example');
    const waiting = await shopperWrites('sales');
    expect(await assigneeOf(waiting)).toBeNull();
    expect(await adminPatch(`/api/admin/departments/${sales}`, { routing: 'auto' })).toBe(200);
    await expect.poll(() => assigneeOf(waiting)).toBe(ritaId);
  });

  it('carries each agent’s load in the team list and in the presence facts', async () => {
    const marta = await agent(scope.server.agentEmail);
    await shopperWrites();
    const boss = await agent('boss@shop.example');
    const team = await agentCommand(boss, 'team:list', {});
    expect(team.ok && team.data.agents.find((a) => a.name === 'Marta')).toMatchObject({ status: 'online', load: 1 });
    const told = nextFact<AgentSocket, { agent: AgentSummary }>(boss, 'presence:changed');
    expect((await agentCommand(marta, 'presence:set', { status: 'away' })).ok).toBe(true);
    expect((await told).agent).toMatchObject({ name: 'Marta', status: 'away', load: 1 });
  });
});

describe('widgets and who could answer', () => {
  it('hear only real changes: a second agent going away while one stays online tells them nothing', async () => {
    await scope.server.app.services.sites.setBranding(siteId(), { ...DEFAULT_BRANDING, showTeam: false });
    await addAgent(scope.server, { email: 'jordi@shop.example', name: 'Jordi' });
    const marta = await agent(scope.server.agentEmail);
    const jordi = await agent('jordi@shop.example');
    const socket = connectVisitor(scope.server.url, { siteKey: scope.server.siteKey });
    sockets.push(socket);
    const told: OnlineAgents[] = [];
    socket.on('agents:changed', ({ onlineAgents }: { onlineAgents: OnlineAgents }) => told.push(onlineAgents));
    await connected(socket);
    await viewPage(socket as VisitorSocket);

    expect((await agentCommand(jordi, 'presence:set', { status: 'away' })).ok).toBe(true);
    const marker = nextFact<VisitorSocket, { onlineAgents: OnlineAgents }>(socket as VisitorSocket, 'agents:changed');
    expect((await agentCommand(marta, 'presence:set', { status: 'away' })).ok).toBe(true);
    expect((await marker).onlineAgents.any).toBe(false);
    expect(told).toEqual([{ any: false, departments: [] }]);
  });

  it('fire a rule that waits for an agent online when the first one comes', async () => {
    const [rule] = scope.server.app.services.triggers.list(siteId());
    const updated = await scope.server.app.services.triggers.update(siteId(), rule!.id, {
      enabled: true,
      conditions: [{ type: 'agents_online', negate: false }],
      action: { kind: 'teaser', message: 'Som aquí, pregunta’ns', agentId: null, departmentId: null, tags: [] },
    });
    if (!updated.ok) throw new Error(updated.error.message);
    const socket = connectVisitor(scope.server.url, { siteKey: scope.server.siteKey });
    sockets.push(socket);
    await connected(socket);
    await viewPage(socket);
    const fired = nextFact<VisitorSocket, TriggerFired>(socket, 'trigger:fired');
    await agent(scope.server.agentEmail);
    expect(await fired).toMatchObject({ kind: 'teaser', message: 'Som aquí, pregunta’ns' });
  });
});
