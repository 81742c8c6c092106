import { expect, it } from 'vitest';
import { GroupCommit } from '../../db/group-commit.ts';
import type { Engine } from '../../db/engine.ts';
import { describeOnEngines, insertAgent, insertSite } from '../../testing/engines.ts';
import { AgentStatusLog } from './status-log.ts';
import { statusLogRepository } from './team.module.ts';

/** On SQLite the appends ride a group commit of the test's own; PostgreSQL's repository batches them itself and never touches one. */
const repoOn = (engine: Engine) =>
  statusLogRepository(engine, engine.kind === 'sqlite' ? new GroupCommit(engine.db.$client) : ({} as GroupCommit));

/** Site a with agents a1 and a2, site b with agent b1. */
async function twoShops(engine: Engine): Promise<void> {
  await insertSite(engine, 'site-a');
  await insertSite(engine, 'site-b');
  await insertAgent(engine, 'site-a', 'a1');
  await insertAgent(engine, 'site-a', 'a2');
  await insertAgent(engine, 'site-b', 'b1');
}

describeOnEngines('the status log repository', (engine) => {
  it('reads a period’s changes by time, after each agent’s last change before it, on the asked site only', async () => {
    await twoShops(engine());
    const repo = repoOn(engine());
    expect(await repo.changesIn('site-a', 0, 1_000)).toEqual([]);
    // Appended out of time order, and two at one instant: the report reads them by time, then as recorded.
    await repo.append('site-a', 'a1', 'online', 100);
    await repo.append('site-a', 'a1', 'away', 150);
    await repo.append('site-a', 'a2', 'online', 90);
    await repo.append('site-a', 'a1', 'online', 200);
    await repo.append('site-a', 'a1', 'away', 300);
    await repo.append('site-a', 'a2', 'away', 250);
    await repo.append('site-a', 'a2', 'online', 250);
    await repo.append('site-a', 'a1', 'offline', 400);
    await repo.append('site-b', 'b1', 'online', 120);
    await repo.append('site-b', 'b1', 'away', 300);

    // [200, 400): 200 is in, 400 is out; a1 entered it away (150), a2 online (90).
    expect(await repo.changesIn('site-a', 200, 400)).toEqual([
      { agentId: 'a1', status: 'away', at: 150 },
      { agentId: 'a2', status: 'online', at: 90 },
      { agentId: 'a1', status: 'online', at: 200 },
      { agentId: 'a2', status: 'away', at: 250 },
      { agentId: 'a2', status: 'online', at: 250 },
      { agentId: 'a1', status: 'away', at: 300 },
    ]);
    // One agent's only.
    expect(await repo.changesIn('site-a', 200, 400, 'a2')).toEqual([
      { agentId: 'a2', status: 'online', at: 90 },
      { agentId: 'a2', status: 'away', at: 250 },
      { agentId: 'a2', status: 'online', at: 250 },
    ]);
    // Before everything: nothing to enter with; the other site's rows never show.
    expect(await repo.changesIn('site-a', 0, 100)).toEqual([{ agentId: 'a2', status: 'online', at: 90 }]);
    expect(await repo.changesIn('site-b', 200, 1_000)).toEqual([
      { agentId: 'b1', status: 'online', at: 120 },
      { agentId: 'b1', status: 'away', at: 300 },
    ]);
    expect(await repo.changesIn('site-b', 0, 1_000, 'a1')).toEqual([]);
  });

  it('finds every site’s agents whose latest recorded status is not offline: the latest recorded, not the latest in time', async () => {
    await twoShops(engine());
    const repo = repoOn(engine());
    expect(await repo.notOffline()).toEqual([]);
    await repo.append('site-a', 'a1', 'online', 100);
    await repo.append('site-a', 'a1', 'offline', 200);
    await repo.append('site-a', 'a2', 'online', 100);
    await repo.append('site-a', 'a2', 'away', 50);
    await repo.append('site-b', 'b1', 'online', 100);
    const open = await repo.notOffline();
    expect(open.sort((x, y) => x.agentId.localeCompare(y.agentId))).toEqual([
      { siteId: 'site-a', agentId: 'a2' },
      { siteId: 'site-b', agentId: 'b1' },
    ]);
  });

  it('appends a change only if the agent’s latest recorded status is another (offline when there is none)', async () => {
    await twoShops(engine());
    const repo = repoOn(engine());
    await repo.appendIfChanged('site-a', 'a1', 'offline', 100);
    await repo.appendIfChanged('site-a', 'a1', 'online', 110);
    await repo.appendIfChanged('site-a', 'a1', 'online', 120);
    await repo.appendIfChanged('site-a', 'a2', 'online', 120);
    await repo.appendIfChanged('site-a', 'a1', 'offline', 130);
    await repo.appendIfChanged('site-a', 'a1', 'offline', 140);
    // The latest recorded by time: a change appended late with an earlier time does not count as the latest.
    await repo.append('site-a', 'a2', 'away', 50);
    await repo.appendIfChanged('site-a', 'a2', 'online', 150);
    expect(await repo.changesIn('site-a', 0, 1_000)).toEqual(
      [
        { agentId: 'a2', status: 'away', at: 50 },
        { agentId: 'a1', status: 'online', at: 110 },
        { agentId: 'a1', status: 'offline', at: 130 },
        { agentId: 'a2', status: 'online', at: 120 },
      ].sort((x, y) => x.at - y.at),
    );
  });

  it('commits the appends of one turn together, in the order they were made, and a refused one alone fails', async () => {
    await twoShops(engine());
    const repo = repoOn(engine());
    const appended = [
      repo.append('site-a', 'a1', 'online', 100),
      repo.append('site-a', 'a1', 'away', 100),
      // No such agent: refused by its foreign key.
      repo.append('site-a', 'nobody', 'online', 100),
      repo.append('site-a', 'a1', 'online', 100),
    ];
    const settled = await Promise.allSettled(appended);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((await repo.changesIn('site-a', 0, 1_000)).map((c) => c.status)).toEqual(['online', 'away', 'online']);
    expect(await repo.notOffline()).toEqual([{ siteId: 'site-a', agentId: 'a1' }]);
  });
});

describeOnEngines('the status log', (engine) => {
  it('writes only real changes, and at start closes the time of agents the last process stopped under', async () => {
    await twoShops(engine());
    const repo = repoOn(engine());
    const failed: unknown[] = [];
    let now = 1_000;
    const before = new AgentStatusLog(
      repo,
      (error) => failed.push(error),
      () => now,
    );
    await before.start();
    before.record('site-a', 'a1', 'offline');
    before.record('site-a', 'a1', 'online');
    before.record('site-a', 'a1', 'online');
    before.record('site-a', 'a2', 'online');
    now = 2_000;
    before.record('site-a', 'a2', 'away');
    before.record('site-b', 'b1', 'online');
    before.record('site-b', 'b1', 'offline');
    await expect.poll(async () => (await repo.changesIn('site-a', 0, 10_000)).length).toBe(3);

    // A new process: a1 and a2 were left online and away, b1 offline.
    now = 5_000;
    const after = new AgentStatusLog(
      repo,
      (error) => failed.push(error),
      () => now,
    );
    await after.start();
    expect(await repo.changesIn('site-a', 0, 10_000)).toEqual([
      { agentId: 'a1', status: 'online', at: 1_000 },
      { agentId: 'a2', status: 'online', at: 1_000 },
      { agentId: 'a2', status: 'away', at: 2_000 },
      { agentId: 'a1', status: 'offline', at: 5_000 },
      { agentId: 'a2', status: 'offline', at: 5_000 },
    ]);
    expect(await repo.changesIn('site-b', 0, 10_000)).toEqual([
      { agentId: 'b1', status: 'online', at: 2_000 },
      { agentId: 'b1', status: 'offline', at: 2_000 },
    ]);
    expect(await repo.notOffline()).toEqual([]);
    // Everyone starts offline: a first "offline" writes nothing.
    after.record('site-a', 'a1', 'offline');
    after.record('site-a', 'a1', 'away');
    // a1 entered the restart online; start closed it; the first "offline" added nothing.
    await expect
      .poll(async () => (await repo.changesIn('site-a', 5_000, 10_000, 'a1')).map((c) => c.status))
      .toEqual(['online', 'offline', 'away']);
    expect(failed).toEqual([]);
  });

  it('shared by the nodes of a cluster: writes a change told by several nodes once, and at start leaves open agents to presence', async () => {
    await twoShops(engine());
    const repo = repoOn(engine());
    const failed: unknown[] = [];
    let now = 1_000;
    const nodeLog = () =>
      new AgentStatusLog(
        repo,
        (error) => failed.push(error),
        () => now,
        true,
      );
    const [a, b] = [nodeLog(), nodeLog()];
    expect(await a.start()).toEqual([]);
    a.record('site-a', 'a1', 'online');
    await expect.poll(async () => (await repo.changesIn('site-a', 0, 10_000)).length).toBe(1);
    // Node b never saw a1 online, and still writes the offline every node tells (each ended the grace period).
    now = 2_000;
    b.record('site-a', 'a1', 'offline');
    a.record('site-a', 'a1', 'offline');
    b.record('site-a', 'a2', 'online');
    await expect.poll(async () => (await repo.changesIn('site-a', 0, 10_000)).length).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Per agent: two agents' changes at one instant are read in the order they committed, which on PostgreSQL is either.
    expect(await repo.changesIn('site-a', 0, 10_000, 'a1')).toEqual([
      { agentId: 'a1', status: 'online', at: 1_000 },
      { agentId: 'a1', status: 'offline', at: 2_000 },
    ]);
    expect(await repo.changesIn('site-a', 0, 10_000, 'a2')).toEqual([{ agentId: 'a2', status: 'online', at: 2_000 }]);
    // A node starting meanwhile closes nobody's time: a2 may be online on another node.
    now = 3_000;
    expect(await nodeLog().start()).toEqual([{ siteId: 'site-a', agentId: 'a2' }]);
    expect((await repo.changesIn('site-a', 0, 10_000)).length).toBe(3);
    expect(failed).toEqual([]);
  });
});
