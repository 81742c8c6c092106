import { expect, it } from 'vitest';
import { andThen } from '../../db/committer.ts';
import { committerOn, describeOnEngines, insertSite, insertVisitor } from '../../testing/engines.ts';
import { ContactsPersonalData } from './contacts.personal-data.ts';
import { contactsRepository } from './contacts.module.ts';

const scopeOf = (siteId: string, visitorIds: string[]) => ({
  siteId,
  subject: { kind: 'visitor' as const, id: visitorIds[0] ?? 'nobody' },
  visitorIds,
  customerIds: [],
});

describeOnEngines('the contacts’ personal data', (engine) => {
  async function threeContacts() {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const repo = contactsRepository(engine());
    for (const [site, visitor] of [
      ['site-a', 'anna'],
      ['site-a', 'marc'],
      ['site-b', 'berta'],
    ] as const) {
      await insertVisitor(engine(), site, visitor);
      await repo.save({ visitorId: visitor, siteId: site, email: `${visitor}@example.com`, name: visitor, consentedAt: 1 });
    }
    const erased: string[][] = [];
    return { repo, erased, source: new ContactsPersonalData(repo, (scope) => erased.push([...scope.visitorIds])) };
  }

  it('exports the subject’s contacts on its site, and nobody else’s', async () => {
    const { source } = await threeContacts();
    expect(await source.exportRows(scopeOf('site-a', ['anna']))).toEqual({
      visitor_contacts: [{ visitorId: 'anna', siteId: 'site-a', email: 'anna@example.com', name: 'anna', consentedAt: 1 }],
    });
    // Another site's visitor named in this site's scope is not this site's to hand over.
    expect(await source.exportRows(scopeOf('site-a', ['berta']))).toEqual({ visitor_contacts: [] });
    expect(await source.exportRows(scopeOf('site-a', []))).toEqual({ visitor_contacts: [] });
  });

  it('erases only the subject’s contacts, only on its site, with the step’s transaction', async () => {
    const { repo, source, erased } = await threeContacts();
    const committer = committerOn(engine());
    // A foreign site's scope erases nothing.
    expect(await committer.run((tx) => source.eraseInTx(tx, scopeOf('site-b', ['anna'])))).toBe(0);
    // A step that fails after the erasure leaves the contact there.
    const failed = committer.run((tx) =>
      andThen(source.eraseInTx(tx, scopeOf('site-a', ['anna'])), () => {
        throw new Error('refused');
      }),
    );
    await expect(failed).rejects.toThrow('refused');
    expect((await repo.all()).map((row) => row.visitorId).sort()).toEqual(['anna', 'berta', 'marc']);

    expect(await committer.run((tx) => source.eraseInTx(tx, scopeOf('site-a', ['anna'])))).toBe(1);
    expect((await repo.all()).map((row) => row.visitorId).sort()).toEqual(['berta', 'marc']);
    source.afterErase(scopeOf('site-a', ['anna']));
    expect(erased).toEqual([['anna']]);
  });
});
