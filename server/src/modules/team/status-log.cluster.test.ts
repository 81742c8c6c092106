import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_PASSWORD, connectAgent, connected, login, type AgentSocket } from '../../testing/harness.ts';
import { startAppCluster, type TestCluster, type TestNode } from '../../testing/cluster-apps.ts';
import { statusLogRepository } from './team.module.ts';

const GRACE_MS = 300;
let cluster: TestCluster | undefined;
const sockets: AgentSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await cluster?.close();
  cluster = undefined;
});

/** Two nodes, and an agent made on node A whose console is open on node B, as the log has recorded. */
async function agentOnB() {
  cluster = await startAppCluster(2, { offlineGraceMs: GRACE_MS });
  const [a, b] = cluster.nodes as [TestNode, TestNode];
  const created = await a.app.services.agents.create({
    siteId: cluster.siteId,
    email: 'marta@shop.example',
    name: 'Marta',
    role: 'agent',
    password: AGENT_PASSWORD,
  });
  if (!created.ok) throw new Error(created.error.message);
  const socket = connectAgent(b.url, await login(b.url, 'marta@shop.example', AGENT_PASSWORD));
  sockets.push(socket);
  await connected(socket);
  const log = statusLogRepository(a.app.engine);
  const statuses = async () => (await log.changesIn(cluster!.siteId, 0, Number.MAX_SAFE_INTEGER, created.data.id)).map((c) => c.status);
  await expect.poll(statuses).toEqual(['online']);
  return { a, b, statuses };
}

describe('the status log in a cluster', () => {
  it('records the agent offline, once, when the node their console was on goes, though only another node is left to tell it', async () => {
    const { b, statuses } = await agentOnB();
    // Node B goes (its grace timers with it): node A sees the console gone, waits the grace period, and writes.
    await b.app.close();
    await expect.poll(statuses, { timeout: 20_000 }).toEqual(['online', 'offline']);
    await sleep(GRACE_MS * 2);
    expect(await statuses()).toEqual(['online', 'offline']);
  });

  it('leaves an agent online on another node online when a node starts (a deploy, a scale-up)', async () => {
    const { statuses } = await agentOnB();
    await cluster!.addNode();
    expect(await statuses()).toEqual(['online']);
    // Past the grace period the new node gives them: the agent is still connected on node B.
    await sleep(GRACE_MS * 3);
    expect(await statuses()).toEqual(['online']);
  });
});
