import { expect, it } from 'vitest';
import { andThen } from '../../db/committer.ts';
import type { Engine } from '../../db/engine.ts';
import { GroupCommit } from '../../db/group-commit.ts';
import { committerOn, describeOnEngines, insertSite } from '../../testing/engines.ts';
import { AuditLog } from './audit-log.ts';
import type { NewAuditRow } from './audit.repository.ts';
import { auditRepository } from './privacy-module.ts';

/** On SQLite the entries ride a group commit of the test's own; PostgreSQL's repository never touches one. */
const repoOn = (engine: Engine) => auditRepository(engine, engine.kind === 'sqlite' ? new GroupCommit(engine.db.$client) : undefined);

const entry = (siteId: string, at: number, extra: Partial<NewAuditRow> = {}): NewAuditRow => ({
  siteId,
  actorId: 'admin-1',
  action: 'site.settings_changed',
  targetType: 'site',
  targetId: siteId,
  details: { fields: ['name', 'preChat'] },
  at,
  ...extra,
});

describeOnEngines('the audit repository', (engine) => {
  it('pages a site’s entries newest first, by the order they were written, and never another site’s', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const repo = repoOn(engine());
    expect(await repo.page('site-a', undefined, 10)).toEqual([]);
    // Written out of time order: the log reads by the order of writing, not by `at`.
    for (const at of [5, 1, 4, 2, 3]) await repo.insert(entry('site-a', at));
    await repo.insert(entry('site-b', 9));

    const all = await repo.page('site-a', undefined, 10);
    expect(all.map((r) => r.at)).toEqual([3, 2, 4, 1, 5]);
    expect(all.every((r) => r.siteId === 'site-a')).toBe(true);
    const ids = all.map((r) => r.id);
    expect([...ids].sort((x, y) => y - x)).toEqual(ids);

    // A page, then the next from before its last entry, then nothing before the first one written.
    const first = await repo.page('site-a', undefined, 2);
    expect(first.map((r) => r.at)).toEqual([3, 2]);
    const next = await repo.page('site-a', first.at(-1)!.id, 2);
    expect(next.map((r) => r.at)).toEqual([4, 1]);
    expect((await repo.page('site-a', all.at(-1)!.id, 10)).map((r) => r.at)).toEqual([]);
    expect((await repo.page('site-b', undefined, 10)).map((r) => r.at)).toEqual([9]);
  });

  it('reads an entry back as written: the system as actor, no target, the details', async () => {
    await insertSite(engine(), 'site-a');
    const repo = repoOn(engine());
    const written = entry('site-a', 1_800_000_000_000, {
      actorId: null,
      action: 'privacy.erased',
      targetType: 'customer',
      targetId: null,
      details: { visitors: 2, rows: 17 },
    });
    await repo.insert(written);
    const [read] = await repo.page('site-a', undefined, 1);
    expect(read).toEqual({ id: expect.any(Number), ...written });
  });

  it('writes and unlinks inside a step’s transaction: committed with it, or gone with it', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const repo = repoOn(engine());
    const committer = committerOn(engine());
    await repo.insert(entry('site-a', 1, { targetType: 'visitor', targetId: 'v-1' }));
    await repo.insert(entry('site-b', 2, { targetType: 'visitor', targetId: 'v-1' }));
    await committer.run((tx) => repo.insertInTx(tx, entry('site-a', 3, { targetType: 'visitor', targetId: 'v-2' })));
    expect((await repo.aboutTargets('site-a', ['v-1', 'v-2'])).map((r) => r.at).sort()).toEqual([1, 3]);
    expect(await repo.aboutTargets('site-a', [])).toEqual([]);

    // A step that fails after its writes leaves no trace of them.
    const failed = committer.run((tx) =>
      andThen(repo.unlinkTargetsInTx(tx, 'site-a', ['v-1']), () =>
        andThen(repo.insertInTx(tx, entry('site-a', 4)), () => {
          throw new Error('refused');
        }),
      ),
    );
    await expect(failed).rejects.toThrow('refused');
    expect((await repo.page('site-a', undefined, 10)).map((r) => [r.at, r.targetId])).toEqual([
      [3, 'v-2'],
      [1, 'v-1'],
    ]);

    // Unlinking keeps the entry, forgets the target, and only on the site asked about.
    expect(await committer.run((tx) => repo.unlinkTargetsInTx(tx, 'site-a', ['v-1', 'v-2']))).toBe(2);
    expect((await repo.page('site-a', undefined, 10)).map((r) => r.targetId)).toEqual([null, null]);
    expect((await repo.page('site-b', undefined, 10)).map((r) => r.targetId)).toEqual(['v-1']);
    expect(await committer.run((tx) => repo.unlinkTargetsInTx(tx, 'site-a', []))).toBe(0);
  });

  it('refuses an entry of no site', async () => {
    const repo = repoOn(engine());
    await expect(repo.insert(entry('nowhere', 1))).rejects.toThrow();
  });
});

describeOnEngines('the audit log', (engine) => {
  it('records and pages entries on either engine, saying whether another page exists', async () => {
    await insertSite(engine(), 'site-a');
    let now = 100;
    const audit = new AuditLog(repoOn(engine()), () => now++);
    await audit.record('site-a', 'admin-1', 'trigger.created', { type: 'trigger', id: 'trg-1' });
    await audit.record('site-a', null, 'trigger.deleted', { type: 'trigger', id: 'trg-1', details: { name: 'Welcome' } });
    await audit.record('site-a', 'admin-1', 'department.created', { type: 'department', id: 'dep-1' });

    const first = await audit.page('site-a', undefined, 2);
    expect(first.entries.map((e) => [e.action, e.actorId, e.at])).toEqual([
      ['department.created', 'admin-1', 102],
      ['trigger.deleted', null, 101],
    ]);
    expect(first.entries[1]).toMatchObject({ targetType: 'trigger', targetId: 'trg-1', details: { name: 'Welcome' } });
    expect(first.nextBefore).toBe(first.entries[1]?.id);
    const last = await audit.page('site-a', first.nextBefore ?? undefined, 2);
    expect(last.entries.map((e) => e.action)).toEqual(['trigger.created']);
    expect(last.nextBefore).toBeNull();
  });
});
