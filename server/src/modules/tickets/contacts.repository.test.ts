import { expect, it } from 'vitest';
import { describeOnEngines, insertSite, insertVisitor } from '../../testing/engines.ts';
import { contactsRepository } from './contacts.module.ts';
import type { ContactRow } from './contacts.repository.ts';

const contact = (visitorId: string, siteId: string, email: string, name: string | null, consentedAt: number): ContactRow => ({
  visitorId,
  siteId,
  email,
  name,
  consentedAt,
});

const byVisitor = (rows: ContactRow[]) => [...rows].sort((x, y) => x.visitorId.localeCompare(y.visitorId));

describeOnEngines('the contacts repository', (engine) => {
  async function twoShops() {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    await insertVisitor(engine(), 'site-a', 'anna');
    await insertVisitor(engine(), 'site-a', 'marc');
    await insertVisitor(engine(), 'site-b', 'berta');
    return contactsRepository(engine());
  }

  it('reads back every site’s contacts as saved, one per visitor: a new answer replaces the visitor’s whole', async () => {
    const repo = await twoShops();
    expect(await repo.all()).toEqual([]);
    await repo.save(contact('anna', 'site-a', 'anna@example.com', 'Anna', 1));
    await repo.save(contact('marc', 'site-a', 'marc@example.com', null, 2));
    await repo.save(contact('berta', 'site-b', 'berta@example.com', 'Berta', 3));
    expect(byVisitor(await repo.all())).toEqual([
      contact('anna', 'site-a', 'anna@example.com', 'Anna', 1),
      contact('berta', 'site-b', 'berta@example.com', 'Berta', 3),
      contact('marc', 'site-a', 'marc@example.com', null, 2),
    ]);

    // The name left out this time is gone, and the consent is the new answer's.
    await repo.save(contact('anna', 'site-a', 'anna.puig@example.com', null, 4));
    expect(byVisitor(await repo.all())).toEqual([
      contact('anna', 'site-a', 'anna.puig@example.com', null, 4),
      contact('berta', 'site-b', 'berta@example.com', 'Berta', 3),
      contact('marc', 'site-a', 'marc@example.com', null, 2),
    ]);
  });

  it('answers another site’s id like a missing one: the visitor’s contact is not replaced', async () => {
    const repo = await twoShops();
    await repo.save(contact('anna', 'site-a', 'anna@example.com', 'Anna', 1));
    await repo.save(contact('anna', 'site-b', 'intruder@example.com', 'Intruder', 2));
    expect(await repo.all()).toEqual([contact('anna', 'site-a', 'anna@example.com', 'Anna', 1)]);
  });

  it('refuses a contact of a visitor who does not exist', async () => {
    const repo = await twoShops();
    await expect(repo.save(contact('nobody', 'site-a', 'nobody@example.com', null, 1))).rejects.toThrow();
    expect(await repo.all()).toEqual([]);
  });
});
