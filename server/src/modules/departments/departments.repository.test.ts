import { expect, it } from 'vitest';
import { describeOnEngines, insertAgent, insertSite } from '../../testing/engines.ts';
import { departmentsRepository } from './departments.module.ts';
import type { DepartmentRow } from './departments.repository.ts';

const department = (siteId: string, id: string, slug = id): DepartmentRow => ({
  id,
  siteId,
  slug,
  name: `Department ${id}`,
  routing: 'auto',
  createdAt: 1,
});

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

describeOnEngines('the departments repository', (engine) => {
  it('inserts a department unless its site already has the slug; another site may use it', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const repo = departmentsRepository(engine());
    expect(await repo.insert(department('site-a', 'dep-1', 'sales'))).toBe(true);
    expect(await repo.insert(department('site-a', 'dep-2', 'sales'))).toBe(false);
    expect(await repo.insert(department('site-b', 'dep-3', 'sales'))).toBe(true);
    expect(byId((await repo.all()).departments)).toEqual([department('site-a', 'dep-1', 'sales'), department('site-b', 'dep-3', 'sales')]);
  });

  it('lets one of two inserts of the same slug at once win, whichever node asks', async () => {
    await insertSite(engine(), 'site-a');
    const repo = departmentsRepository(engine());
    const results = await Promise.all(['dep-1', 'dep-2', 'dep-3'].map((id) => repo.insert(department('site-a', id, 'sales'))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await repo.all()).departments).toHaveLength(1);
  });

  it('updates within the site only: another site’s id finds nothing', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const repo = departmentsRepository(engine());
    await repo.insert(department('site-a', 'dep-1'));
    expect(await repo.update('site-a', 'dep-1', { name: 'Sales', routing: 'manual' })).toEqual({
      ...department('site-a', 'dep-1'),
      name: 'Sales',
      routing: 'manual',
    });
    expect(await repo.update('site-b', 'dep-1', { name: 'Stolen' })).toBeUndefined();
    expect((await repo.all()).departments[0]?.name).toBe('Sales');
  });

  it('replaces an agent’s memberships of the site’s departments only, and answers what the agent now serves', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    await insertAgent(engine(), 'site-a', 'agt-1');
    const repo = departmentsRepository(engine());
    for (const d of [department('site-a', 'dep-1'), department('site-a', 'dep-2'), department('site-b', 'dep-b')]) await repo.insert(d);

    expect((await repo.setMemberships('site-a', 'agt-1', ['dep-1', 'dep-2'])).sort()).toEqual(['dep-1', 'dep-2']);
    // Another site's department inserts nothing; the site's own set is replaced whole.
    expect(await repo.setMemberships('site-a', 'agt-1', ['dep-2', 'dep-b'])).toEqual(['dep-2']);
    expect((await repo.all()).memberships).toEqual([{ agentId: 'agt-1', departmentId: 'dep-2' }]);
    expect(await repo.setMemberships('site-a', 'agt-1', [])).toEqual([]);
    expect((await repo.all()).memberships).toEqual([]);
  });

  it('reads one site’s departments and memberships, and nothing of another site', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    await insertAgent(engine(), 'site-a', 'agt-a');
    await insertAgent(engine(), 'site-b', 'agt-b');
    const repo = departmentsRepository(engine());
    for (const d of [department('site-a', 'dep-1'), department('site-a', 'dep-2'), department('site-b', 'dep-b')]) await repo.insert(d);
    await repo.setMemberships('site-a', 'agt-a', ['dep-1']);
    await repo.setMemberships('site-b', 'agt-b', ['dep-b']);

    const ofA = await repo.ofSite('site-a');
    expect(byId(ofA.departments)).toEqual([department('site-a', 'dep-1'), department('site-a', 'dep-2')]);
    expect(ofA.memberships).toEqual([{ agentId: 'agt-a', departmentId: 'dep-1' }]);
    expect(await repo.ofSite('site-c')).toEqual({ departments: [], memberships: [] });
  });
});
