import { expect, it } from 'vitest';
import { describeOnEngines, insertSite } from '../../testing/engines.ts';
import { agentsRepositories } from './agents.module.ts';
import type { AgentRow } from './agents.repository.ts';

const agent = (siteId: string, id: string, overrides: Partial<AgentRow> = {}): AgentRow => ({
  id,
  siteId,
  email: `${id}@shop.example`,
  name: `Agent ${id}`,
  role: 'agent',
  passwordHash: 'hash',
  capacity: 3,
  availability: 'online',
  createdAt: 1,
  active: true,
  totpSecret: null,
  totpLastStep: null,
  ...overrides,
});

describeOnEngines('the agents repository', (engine) => {
  it('reads back every agent as written, by id within its site and by email', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const repo = agentsRepositories(engine()).agents;
    expect(await repo.insert(agent('site-a', 'agt-1'))).toBe(true);
    expect(await repo.insert(agent('site-b', 'agt-2', { role: 'admin' }))).toBe(true);
    expect((await repo.all()).sort((x, y) => x.id.localeCompare(y.id))).toEqual([
      agent('site-a', 'agt-1'),
      agent('site-b', 'agt-2', { role: 'admin' }),
    ]);
    expect(await repo.byId('site-a', 'agt-1')).toEqual(agent('site-a', 'agt-1'));
    expect(await repo.byId('site-b', 'agt-1')).toBeUndefined();
    expect(await repo.byEmail('agt-2@shop.example')).toEqual(agent('site-b', 'agt-2', { role: 'admin' }));
    expect(await repo.withSite('agt-1')).toEqual({
      agent: agent('site-a', 'agt-1'),
      site: { id: 'site-a', name: 'Shop site-a', key: 'key-site-a' },
    });
    expect(await repo.withSite('missing')).toBeUndefined();
  });

  it('refuses an email already taken on any site, and lets one of two inserts of it at once win', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const repo = agentsRepositories(engine()).agents;
    await repo.insert(agent('site-a', 'agt-1', { email: 'marta@shop.example' }));
    expect(await repo.insert(agent('site-b', 'agt-2', { email: 'marta@shop.example' }))).toBe(false);
    const results = await Promise.all(
      ['agt-3', 'agt-4', 'agt-5'].map((id) => repo.insert(agent('site-b', id, { email: 'rita@shop.example' }))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await repo.all()).toHaveLength(2);
  });

  it('updates within the site only, and returns the row as stored', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const repo = agentsRepositories(engine()).agents;
    await repo.insert(agent('site-a', 'agt-1'));
    expect(await repo.update('site-a', 'agt-1', { name: 'Marta', capacity: 5, active: false })).toEqual(
      agent('site-a', 'agt-1', { name: 'Marta', capacity: 5, active: false }),
    );
    expect(await repo.update('site-b', 'agt-1', { name: 'Stolen' })).toBeUndefined();
    expect((await repo.byId('site-a', 'agt-1'))?.name).toBe('Marta');
  });

  it('claims a TOTP time step once: the same or an earlier step is refused, even two at once', async () => {
    await insertSite(engine(), 'site-a');
    const repo = agentsRepositories(engine()).agents;
    await repo.insert(agent('site-a', 'agt-1', { totpSecret: 'SECRET' }));
    const both = await Promise.all([repo.claimTotpStep('site-a', 'agt-1', 100), repo.claimTotpStep('site-a', 'agt-1', 100)]);
    expect(both.filter((r) => r !== undefined)).toHaveLength(1);
    expect(both.find((r) => r !== undefined)?.totpLastStep).toBe(100);
    expect(await repo.claimTotpStep('site-a', 'agt-1', 99)).toBeUndefined();
    expect((await repo.claimTotpStep('site-a', 'agt-1', 101))?.totpLastStep).toBe(101);
    expect(await repo.claimTotpStep('site-b', 'agt-1', 200)).toBeUndefined();
  });
});
