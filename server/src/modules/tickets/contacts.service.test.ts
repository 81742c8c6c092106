import { expect, it } from 'vitest';
import { describeOnEngines, insertSite, insertVisitor } from '../../testing/engines.ts';
import { contactsRepository } from './contacts.module.ts';
import { ContactsService, type VerifiedContact } from './contacts.service.ts';

describeOnEngines('contacts across a restart', (engine) => {
  /** A process starting: the service reads every row before it answers. */
  const started = async (verified?: VerifiedContact) => {
    const contacts = new ContactsService(contactsRepository(engine()), verified);
    await contacts.load();
    return contacts;
  };
  async function twoShops() {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    await insertVisitor(engine(), 'site-a', 'anna');
    await insertVisitor(engine(), 'site-b', 'berta');
  }

  it('answers from memory, filled at start with what an earlier run saved, and refreshed by each save', async () => {
    await twoShops();
    const before = await started();
    expect(before.of('site-a', 'anna')).toBeNull();
    expect(await before.save('site-a', 'anna', { email: '  anna@example.com ', name: 'Anna' }, 1)).toEqual({
      ok: true,
      data: { email: 'anna@example.com', name: 'Anna' },
    });
    expect(before.of('site-a', 'anna')).toEqual({ email: 'anna@example.com', name: 'Anna' });
    await before.save('site-a', 'anna', { email: 'anna.puig@example.com' }, 2);
    expect(before.of('site-a', 'anna')).toEqual({ email: 'anna.puig@example.com', name: null });

    const after = await started();
    expect(after.of('site-a', 'anna')).toEqual({ email: 'anna.puig@example.com', name: null });
    expect(after.left('site-a', 'anna')).toEqual({ email: 'anna.puig@example.com', name: null });
    expect(after.of('site-b', 'berta')).toBeNull();
  });

  it('answers another site’s visitor like a missing one, in memory and after a restart', async () => {
    await twoShops();
    const contacts = await started();
    await contacts.save('site-a', 'anna', { email: 'anna@example.com' }, 1);
    expect(contacts.of('site-b', 'anna')).toBeNull();
    expect(contacts.left('site-b', 'anna')).toBeNull();
    // A save naming another site changes neither the table nor the copy.
    await contacts.save('site-b', 'anna', { email: 'intruder@example.com' }, 2);
    expect(contacts.of('site-a', 'anna')).toEqual({ email: 'anna@example.com', name: null });
    expect((await started()).of('site-a', 'anna')).toEqual({ email: 'anna@example.com', name: null });
  });

  it('falls back on what a verified identify gave, and forgets erased visitors of their site only', async () => {
    await twoShops();
    const verified: VerifiedContact = (siteId, visitorId) =>
      siteId === 'site-b' && visitorId === 'berta' ? { email: 'berta@shop.example', name: 'Berta' } : null;
    const contacts = await started(verified);
    await contacts.save('site-a', 'anna', { email: 'anna@example.com' }, 1);
    await contacts.save('site-b', 'berta', { email: 'berta@example.com' }, 1);
    expect(contacts.of('site-b', 'berta')).toEqual({ email: 'berta@example.com', name: null });

    contacts.forget('site-a', ['berta']);
    expect(contacts.of('site-b', 'berta')).toEqual({ email: 'berta@example.com', name: null });
    contacts.forget('site-b', ['berta']);
    expect(contacts.left('site-b', 'berta')).toBeNull();
    expect(contacts.of('site-b', 'berta')).toEqual({ email: 'berta@shop.example', name: 'Berta' });
    expect(contacts.of('site-a', 'anna')).toEqual({ email: 'anna@example.com', name: null });
  });
});
