import { eq } from 'drizzle-orm';
import type { PgDb } from '../../db/pg/client.ts';
import { visitorContacts } from '../../db/pg/schema/index.ts';
import type { ContactRow, ContactsRepository } from './contacts.repository.ts';

/** `visitor_contacts` on PostgreSQL: the same contract as the SQLite repository's. */
export class PgContactsRepository implements ContactsRepository {
  constructor(private readonly db: PgDb) {}

  all(): Promise<ContactRow[]> {
    return this.db.select().from(visitorContacts);
  }

  async save(row: ContactRow): Promise<void> {
    const { email, name, consentedAt } = row;
    await this.db
      .insert(visitorContacts)
      .values(row)
      .onConflictDoUpdate({
        target: visitorContacts.visitorId,
        set: { email, name, consentedAt },
        setWhere: eq(visitorContacts.siteId, row.siteId),
      });
  }
}
