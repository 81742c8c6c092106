import { afterEach, describe, expect, it } from 'vitest';
import type { ReportSummary } from '@mostrador/shared';
import {
  addAgent,
  agentCommand,
  connectAgentAs,
  login,
  startTestServer,
  type AgentSocket,
  type TestServer,
} from '../../testing/harness.ts';
import { statusLogRepository } from './team.module.ts';

let server: TestServer;
const sockets: AgentSocket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

const siteId = () => server.app.services.sites.byKey(server.siteKey)!.id;
const repo = () => statusLogRepository(server.app.engine, server.app.groupCommit);
const statuses = async (agentId: string) => (await repo().changesIn(siteId(), 0, Number.MAX_SAFE_INTEGER, agentId)).map((c) => c.status);

describe('the log of agents’ status changes', () => {
  it('records each real change once: console opened, away, back, and offline after the grace period', async () => {
    server = await startTestServer({ offlineGraceMs: 200 });
    const id = await addAgent(server, { email: 'marta2@shop.example', name: 'Marta' });
    const first = await connectAgentAs(server, 'marta2@shop.example');
    // A second tab changes nothing.
    const second = await connectAgentAs(server, 'marta2@shop.example');
    sockets.push(first, second);
    await agentCommand(first, 'presence:set', { status: 'away' });
    await agentCommand(first, 'presence:set', { status: 'away' });
    await agentCommand(first, 'presence:set', { status: 'online' });
    first.disconnect();
    second.disconnect();
    await expect.poll(() => statuses(id)).toEqual(['online', 'away', 'online', 'offline']);
  });

  it('closes the time of an agent the last process stopped under: offline from the restart', async () => {
    server = await startTestServer({ offlineGraceMs: 60_000 });
    const id = await addAgent(server, { email: 'nil@shop.example', name: 'Nil' });
    sockets.push(await connectAgentAs(server, 'nil@shop.example'));
    await expect.poll(() => statuses(id)).toEqual(['online']);
    // Stopped within the grace period: the old process never wrote "offline".
    await server.stop();
    await server.restart();
    expect(await statuses(id)).toEqual(['online', 'offline']);
  });

  it('gives the report each agent’s exact online and away time for a past day', async () => {
    server = await startTestServer();
    await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
    const id = await addAgent(server, { email: 'pau@shop.example', name: 'Pau' });
    const log = repo();
    const at = (time: string) => Date.parse(`2026-11-10T${time}:00Z`);
    // Online since the evening before; away at 11:00 for half an hour; gone at 17:00; back the next day.
    await log.append(siteId(), id, 'online', Date.parse('2026-11-09T20:00:00Z'));
    await log.append(siteId(), id, 'offline', Date.parse('2026-11-09T22:00:00Z'));
    await log.append(siteId(), id, 'online', at('09:00'));
    await log.append(siteId(), id, 'away', at('11:00'));
    await log.append(siteId(), id, 'online', at('11:30'));
    await log.append(siteId(), id, 'offline', at('17:00'));
    await log.append(siteId(), id, 'online', Date.parse('2026-11-11T09:00:00Z'));
    const cookie = await login(server.url, 'boss@shop.example', 'correct horse battery');
    const res = await fetch(`${server.url}/api/admin/reports/summary?from=2026-11-10&to=2026-11-10&timeZone=UTC`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const report = (await res.json()) as ReportSummary;
    // Signed in 8 h with no chat that day: no chat time, none at once, none of her capacity used.
    expect(report.agentTime).toEqual([
      {
        agentId: id,
        onlineSeconds: 7.5 * 3600,
        awaySeconds: 1800,
        offlineSeconds: 16 * 3600,
        chatSeconds: 0,
        concurrency: 0,
        peakConcurrency: 0,
        utilisation: 0,
        capacity: 3,
      },
    ]);
  });
});
