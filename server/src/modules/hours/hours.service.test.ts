import { ok, type BusinessHours } from '@mostrador/shared';
import { expect, it } from 'vitest';
import { describeOnEngines, insertSite } from '../../testing/engines.ts';
import { hoursRepository } from './hours.module.ts';
import { HoursService } from './hours.service.ts';

const madrid: BusinessHours = {
  timeZone: 'Europe/Madrid',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
  holidays: [],
  closures: [],
};
const saturdays: BusinessHours = { ...madrid, weekly: [{ day: 6, from: '10:00', to: '14:00' }] };
/** Monday 7 December 2026, 10:00 in Madrid. */
const MONDAY_MORNING = Date.parse('2026-12-07T09:00:00Z');

describeOnEngines('business hours across a restart', (engine) => {
  const departments = {
    checkDepartments: (_siteId: string, ids: readonly string[]) => ok([...ids]),
    slugOf: (_siteId: string, id: string) => (id === 'dep-sales' ? 'sales' : null),
  };

  it('answers "open now?" from memory, filled at start with what an earlier run saved', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const changed: string[] = [];
    const before = new HoursService(hoursRepository(engine()), departments, (siteId) => changed.push(siteId));
    await before.load();
    expect(before.isOpen('site-a', null, MONDAY_MORNING)).toBe(true);
    const saved = await before.replace('site-a', { site: madrid, departments: [{ departmentId: 'dep-sales', hours: saturdays }] });
    expect(saved).toEqual(ok({ site: madrid, departments: [{ departmentId: 'dep-sales', hours: saturdays }] }));
    expect(changed).toEqual(['site-a']);

    // A new process: nothing is read until load, then the saved hours hold without another read.
    const after = new HoursService(hoursRepository(engine()), departments);
    await after.load();
    expect(after.get('site-a')).toEqual({ site: madrid, departments: [{ departmentId: 'dep-sales', hours: saturdays }] });
    expect(after.isOpen('site-a', null, MONDAY_MORNING)).toBe(true);
    expect(after.isOpen('site-a', 'dep-sales', MONDAY_MORNING)).toBe(false);
    expect(after.forWidget('site-a')).toEqual({ site: madrid, departments: { sales: saturdays } });
    // A site without hours is always open.
    expect(after.get('site-b')).toEqual({ site: null, departments: [] });
    expect(after.isOpen('site-b', null, MONDAY_MORNING)).toBe(true);
  });

  it('keeps in memory the set saved last when two saves are made at once', async () => {
    await insertSite(engine(), 'site-a');
    const hours = new HoursService(hoursRepository(engine()), departments);
    await hours.load();
    await Promise.all([
      hours.replace('site-a', { site: madrid, departments: [] }),
      hours.replace('site-a', { site: saturdays, departments: [] }),
    ]);
    const reloaded = new HoursService(hoursRepository(engine()), departments);
    await reloaded.load();
    expect(reloaded.get('site-a')).toEqual({ site: saturdays, departments: [] });
    expect(hours.get('site-a')).toEqual(reloaded.get('site-a'));
  });

  it('refuses two sets for one department without writing, and forgets a department’s hours left out of the next save', async () => {
    await insertSite(engine(), 'site-a');
    const hours = new HoursService(hoursRepository(engine()), departments);
    await hours.load();
    await hours.replace('site-a', { site: madrid, departments: [{ departmentId: 'dep-sales', hours: saturdays }] });
    const twice = await hours.replace('site-a', {
      site: null,
      departments: [
        { departmentId: 'dep-sales', hours: madrid },
        { departmentId: 'dep-sales', hours: saturdays },
      ],
    });
    expect(twice).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    await hours.replace('site-a', { site: madrid, departments: [] });
    const reloaded = new HoursService(hoursRepository(engine()), departments);
    await reloaded.load();
    expect(reloaded.get('site-a')).toEqual({ site: madrid, departments: [] });
    expect(reloaded.isOpen('site-a', 'dep-sales', MONDAY_MORNING)).toBe(true);
  });
});
