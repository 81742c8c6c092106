import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { visitorContacts } from '../../db/schema.ts';

export type ContactRow = typeof visitorContacts.$inferSelect;

/** The only code touching `visitor_contacts`. */
export class ContactsRepository {
  // Read on every widget's connection: prepared once.
  readonly #of;

  constructor(private readonly db: Db) {
    this.#of = db
      .select()
      .from(visitorContacts)
      .where(and(eq(visitorContacts.siteId, sql.placeholder('siteId')), eq(visitorContacts.visitorId, sql.placeholder('visitorId'))))
      .prepare();
  }

  of(siteId: string, visitorId: string): ContactRow | undefined {
    return this.#of.get({ siteId, visitorId });
  }

  save(row: ContactRow): void {
    this.db
      .insert(visitorContacts)
      .values(row)
      .onConflictDoUpdate({ target: visitorContacts.visitorId, set: { email: row.email, name: row.name, consentedAt: row.consentedAt } })
      .run();
  }
}
