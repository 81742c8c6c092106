import { SQLITE_TX } from '../../db/committer.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import type { Engine } from '../../db/engine.ts';
import { insertSite, insertVisitor } from '../../testing/engines.ts';
import { createContactsModule } from './contacts.module.ts';

// The privacy registry's source runs on SQLite only, until the registry moves to both engines as a whole.
let dir: string;
let opened: ReturnType<typeof openDatabase>;
let engine: Engine;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mostrador-contacts-'));
  opened = openDatabase(join(dir, 'db.sqlite'));
  engine = { kind: 'sqlite', db: opened.db };
});

afterEach(() => {
  opened.sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the contacts module', () => {
  it('lets go of an erased visitor’s contact in memory once the erasure committed, as the table did', async () => {
    await insertSite(engine, 'site-a');
    await insertVisitor(engine, 'site-a', 'anna');
    // No visitor rows read: nobody here was verified by an identify.
    const visitors = { byId: () => undefined, identityOf: () => ({ customerId: null, name: null, email: null, verified: false }) };
    const { contacts, emailsOf, personalData } = await createContactsModule({ engine, db: opened.db, visitors });
    await contacts.save('site-a', 'anna', { email: 'anna@example.com', name: 'Anna' }, 1);
    expect(emailsOf('site-a', 'anna')).toEqual(['anna@example.com']);

    const source = personalData();
    const scope = { siteId: 'site-a', subject: { kind: 'visitor' as const, id: 'anna' }, visitorIds: ['anna'], customerIds: [] };
    expect(opened.db.transaction(() => source.eraseInTx(SQLITE_TX, scope))).toBe(1);
    source.afterErase(scope);
    expect(contacts.of('site-a', 'anna')).toBeNull();
    expect(emailsOf('site-a', 'anna')).toEqual([]);
    // A restart reads the table, which agrees.
    const restarted = await createContactsModule({ engine, db: opened.db, visitors });
    expect(restarted.contacts.of('site-a', 'anna')).toBeNull();
  });
});
