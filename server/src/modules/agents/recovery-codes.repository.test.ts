import { expect, it } from 'vitest';
import { describeOnEngines, insertAgent, insertSite } from '../../testing/engines.ts';
import { agentsRepositories } from './agents.module.ts';

describeOnEngines('the recovery codes repository', (engine) => {
  it('replaces an agent’s codes whole, and counts the unused ones', async () => {
    await insertSite(engine(), 'site-a');
    await insertAgent(engine(), 'site-a', 'agt-1');
    await insertAgent(engine(), 'site-a', 'agt-2');
    const repo = agentsRepositories(engine()).recoveryCodes;
    await repo.replace('agt-1', ['a', 'b', 'c']);
    await repo.replace('agt-2', ['z']);
    expect(await repo.unusedCount('agt-1')).toBe(3);
    await repo.replace('agt-1', ['d']);
    expect(await repo.unusedCount('agt-1')).toBe(1);
    expect(await repo.claim('agt-1', 'a', 5)).toBe(false);
    await repo.replace('agt-1', []);
    expect(await repo.unusedCount('agt-1')).toBe(0);
    expect(await repo.unusedCount('agt-2')).toBe(1);
  });

  it('spends a code once, even claimed twice at once, and never another agent’s', async () => {
    await insertSite(engine(), 'site-a');
    await insertAgent(engine(), 'site-a', 'agt-1');
    await insertAgent(engine(), 'site-a', 'agt-2');
    const repo = agentsRepositories(engine()).recoveryCodes;
    await repo.replace('agt-1', ['a', 'b']);
    expect(await repo.claim('agt-2', 'a', 5)).toBe(false);
    const both = await Promise.all([repo.claim('agt-1', 'a', 5), repo.claim('agt-1', 'a', 6)]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(await repo.claim('agt-1', 'a', 7)).toBe(false);
    expect(await repo.unusedCount('agt-1')).toBe(1);
  });

  it('writes nothing when a code of the new set is refused: the agent keeps the codes they had', async () => {
    await insertSite(engine(), 'site-a');
    await insertAgent(engine(), 'site-a', 'agt-1');
    const repo = agentsRepositories(engine()).recoveryCodes;
    await repo.replace('agt-1', ['a', 'b']);
    await expect(repo.replace('agt-1', ['c', 'c'])).rejects.toThrow();
    expect(await repo.unusedCount('agt-1')).toBe(2);
  });
});
