import { and, eq, inArray } from 'drizzle-orm';
import { pgTxOf, type Tx } from '../../db/committer.ts';
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

  async ofVisitors(siteId: string, visitorIds: readonly string[]): Promise<ContactRow[]> {
    if (visitorIds.length === 0) return [];
    return this.db.select().from(visitorContacts).where(ofVisitors(siteId, visitorIds));
  }

  async deleteOfVisitorsInTx(tx: Tx, siteId: string, visitorIds: readonly string[]): Promise<number> {
    if (visitorIds.length === 0) return 0;
    const result = await pgTxOf(tx).delete(visitorContacts).where(ofVisitors(siteId, visitorIds));
    return result.rowCount ?? 0;
  }
}

const ofVisitors = (siteId: string, visitorIds: readonly string[]) =>
  and(eq(visitorContacts.siteId, siteId), inArray(visitorContacts.visitorId, [...visitorIds]));
