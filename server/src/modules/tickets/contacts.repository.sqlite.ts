import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { visitorContacts } from '../../db/schema.ts';
import type { ContactRow, ContactsRepository } from './contacts.repository.ts';

/** `visitor_contacts` on SQLite. */
export class SqliteContactsRepository implements ContactsRepository {
  constructor(private readonly db: Db) {}

  async all(): Promise<ContactRow[]> {
    return this.db.select().from(visitorContacts).all();
  }

  async save(row: ContactRow): Promise<void> {
    const { email, name, consentedAt } = row;
    this.db
      .insert(visitorContacts)
      .values(row)
      .onConflictDoUpdate({
        target: visitorContacts.visitorId,
        set: { email, name, consentedAt },
        setWhere: eq(visitorContacts.siteId, row.siteId),
      })
      .run();
  }
}
