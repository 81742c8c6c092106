import { expect, it } from 'vitest';
import { describeOnEngines, insertAgent, insertSite } from '../../testing/engines.ts';
import { agentsRepositories } from './agents.module.ts';
import type { SessionRow } from './sessions.repository.ts';

const session = (tokenHash: string, agentId: string, expiresAt: number): SessionRow => ({
  tokenHash,
  agentId,
  createdAt: 1,
  expiresAt,
  lastSeenAt: 1,
  userAgent: 'Firefox',
});

describeOnEngines('the sessions repository', (engine) => {
  it('finds a session by its hash until it expires, and an agent’s live ones', async () => {
    await insertSite(engine(), 'site-a');
    await insertAgent(engine(), 'site-a', 'agt-1');
    await insertAgent(engine(), 'site-a', 'agt-2');
    const repo = agentsRepositories(engine()).sessions;
    await repo.insert(session('s1', 'agt-1', 100));
    await repo.insert(session('s2', 'agt-1', 200));
    await repo.insert(session('s3', 'agt-2', 200));
    expect(await repo.live('s1', 50)).toEqual(session('s1', 'agt-1', 100));
    expect(await repo.live('s1', 100)).toBeUndefined();
    expect((await repo.liveOf('agt-1', 150)).map((s) => s.tokenHash)).toEqual(['s2']);

    await repo.touch('s2', 120);
    expect((await repo.live('s2', 150))?.lastSeenAt).toBe(120);
    await repo.deleteExpired(150);
    expect((await repo.liveOf('agt-1', 0)).map((s) => s.tokenHash)).toEqual(['s2']);
  });

  it('deletes a session once: a second delete, as from another node, finds nothing', async () => {
    await insertSite(engine(), 'site-a');
    await insertAgent(engine(), 'site-a', 'agt-1');
    const repo = agentsRepositories(engine()).sessions;
    await repo.insert(session('s1', 'agt-1', 100));
    expect(await repo.delete('s1')).toBe(true);
    expect(await repo.delete('s1')).toBe(false);
    expect(await repo.live('s1', 0)).toBeUndefined();
  });

  it('deletes all of an agent’s sessions but the one kept, and names those it deleted', async () => {
    await insertSite(engine(), 'site-a');
    await insertAgent(engine(), 'site-a', 'agt-1');
    await insertAgent(engine(), 'site-a', 'agt-2');
    const repo = agentsRepositories(engine()).sessions;
    for (const s of [session('s1', 'agt-1', 100), session('s2', 'agt-1', 100), session('s3', 'agt-1', 100), session('o1', 'agt-2', 100)]) {
      await repo.insert(s);
    }
    expect((await repo.deleteOf('agt-1', 's2')).sort()).toEqual(['s1', 's3']);
    expect(await repo.deleteOf('agt-1', null)).toEqual(['s2']);
    expect((await repo.liveOf('agt-2', 0)).map((s) => s.tokenHash)).toEqual(['o1']);
  });
});
