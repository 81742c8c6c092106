import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/committer.ts';
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

  async ofVisitors(siteId: string, visitorIds: readonly string[]): Promise<ContactRow[]> {
    return this.db.select().from(visitorContacts).where(ofVisitors(siteId, visitorIds)).all();
  }

  /** Runs at once: the group commit's transaction is open on this connection. */
  deleteOfVisitorsInTx(_tx: Tx, siteId: string, visitorIds: readonly string[]): number {
    return this.db.delete(visitorContacts).where(ofVisitors(siteId, visitorIds)).run().changes;
  }
}

const ofVisitors = (siteId: string, visitorIds: readonly string[]) =>
  and(eq(visitorContacts.siteId, siteId), inArray(visitorContacts.visitorId, [...visitorIds]));
