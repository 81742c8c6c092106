import { expect, it } from 'vitest';
import { committerOn, describeOnEngines, insertSite, insertVisitor } from '../../testing/engines.ts';
import { createContactsModule } from './contacts.module.ts';

describeOnEngines('the contacts module', (engine) => {
  it('lets go of an erased visitor’s contact in memory once the erasure committed, as the table did', async () => {
    await insertSite(engine(), 'site-a');
    await insertVisitor(engine(), 'site-a', 'anna');
    // No visitor rows read: nobody here was verified by an identify.
    const visitors = { verifiedIdentity: () => null };
    const { contacts, emailsOf, personalData } = await createContactsModule({ engine: engine(), visitors });
    await contacts.save('site-a', 'anna', { email: 'anna@example.com', name: 'Anna' }, 1);
    expect(emailsOf('site-a', 'anna')).toEqual(['anna@example.com']);

    const source = personalData();
    const scope = { siteId: 'site-a', subject: { kind: 'visitor' as const, id: 'anna' }, visitorIds: ['anna'], customerIds: [] };
    expect(await committerOn(engine()).run((tx) => source.eraseInTx(tx, scope))).toBe(1);
    source.afterErase(scope);
    expect(contacts.of('site-a', 'anna')).toBeNull();
    expect(emailsOf('site-a', 'anna')).toEqual([]);
    // A restart reads the table, which agrees.
    const restarted = await createContactsModule({ engine: engine(), visitors });
    expect(restarted.contacts.of('site-a', 'anna')).toBeNull();
  });
});
