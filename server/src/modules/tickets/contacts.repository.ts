import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { visitorContacts } from '../../db/schema.ts';

export type ContactRow = typeof visitorContacts.$inferSelect;

/** The only code touching `visitor_contacts`. */
export class ContactsRepository {
  constructor(private readonly db: Db) {}

  of(siteId: string, visitorId: string): ContactRow | undefined {
    return this.db
      .select()
      .from(visitorContacts)
      .where(and(eq(visitorContacts.siteId, siteId), eq(visitorContacts.visitorId, visitorId)))
      .get();
  }

  save(row: ContactRow): void {
    this.db
      .insert(visitorContacts)
      .values(row)
      .onConflictDoUpdate({ target: visitorContacts.visitorId, set: { email: row.email, name: row.name, consentedAt: row.consentedAt } })
      .run();
  }
}
