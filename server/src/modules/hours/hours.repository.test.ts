import type { BusinessHours } from '@mostrador/shared';
import { expect, it } from 'vitest';
import { describeOnEngines, insertSite } from '../../testing/engines.ts';
import { hoursRepository } from './hours.module.ts';
import { SITE_SCOPE } from './hours.repository.ts';

const weekdays = (timeZone: string): BusinessHours => ({
  timeZone,
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
  holidays: ['2026-12-25'],
  closures: [{ from: 1_800_000_000_000, to: 1_800_086_400_000 }],
});

describeOnEngines('the hours repository', (engine) => {
  it('replaces a site’s hours whole, and reads back every site’s schedules as written', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const repo = hoursRepository(engine());
    expect(await repo.all()).toEqual([]);

    await repo.replace(
      'site-a',
      [
        { scope: SITE_SCOPE, schedule: weekdays('Europe/Madrid') },
        { scope: 'dep-1', schedule: weekdays('UTC') },
      ],
      1,
    );
    await repo.replace('site-b', [{ scope: SITE_SCOPE, schedule: weekdays('Europe/Lisbon') }], 2);
    const sorted = async () => (await repo.all()).sort((x, y) => `${x.siteId}/${x.scope}`.localeCompare(`${y.siteId}/${y.scope}`));
    expect(await sorted()).toEqual([
      { siteId: 'site-a', scope: 'dep-1', schedule: weekdays('UTC') },
      { siteId: 'site-a', scope: SITE_SCOPE, schedule: weekdays('Europe/Madrid') },
      { siteId: 'site-b', scope: SITE_SCOPE, schedule: weekdays('Europe/Lisbon') },
    ]);

    expect(await repo.ofSite('site-b')).toEqual([{ scope: SITE_SCOPE, schedule: weekdays('Europe/Lisbon') }]);
    expect(await repo.ofSite('site-c')).toEqual([]);

    // A new set drops what it does not name, on that site only; an empty one clears it.
    await repo.replace('site-a', [{ scope: 'dep-2', schedule: weekdays('Asia/Tokyo') }], 3);
    expect(await sorted()).toEqual([
      { siteId: 'site-a', scope: 'dep-2', schedule: weekdays('Asia/Tokyo') },
      { siteId: 'site-b', scope: SITE_SCOPE, schedule: weekdays('Europe/Lisbon') },
    ]);
    await repo.replace('site-a', [], 4);
    expect(await sorted()).toEqual([{ siteId: 'site-b', scope: SITE_SCOPE, schedule: weekdays('Europe/Lisbon') }]);
  });

  it('writes nothing when a row of the set is refused: the site keeps the hours it had', async () => {
    await insertSite(engine(), 'site-a');
    const repo = hoursRepository(engine());
    await repo.replace('site-a', [{ scope: SITE_SCOPE, schedule: weekdays('Europe/Madrid') }], 1);
    // The same scope twice breaks the primary key: the delete before it is undone with it.
    const twice = [
      { scope: 'dep-1', schedule: weekdays('UTC') },
      { scope: 'dep-1', schedule: weekdays('UTC') },
    ];
    await expect(repo.replace('site-a', twice, 2)).rejects.toThrow();
    expect(await repo.all()).toEqual([{ siteId: 'site-a', scope: SITE_SCOPE, schedule: weekdays('Europe/Madrid') }]);
  });
});
