import { and, eq, sql } from 'drizzle-orm';
import type { PgDb } from '../../db/pg/client.ts';
import { customers, visitors } from '../../db/pg/schema/index.ts';
import type { Arrival, CustomerRow, LinkedVisitor, VisitorChanges, VisitorRow, VisitorsRepository } from './visitors.repository.ts';

/** `visitors` and `customers` on PostgreSQL: the same contract as the SQLite repository's. */
export class PgVisitorsRepository implements VisitorsRepository {
  constructor(private readonly db: PgDb) {}

  async insert(row: VisitorRow): Promise<boolean> {
    const written = await this.db.insert(visitors).values(row).onConflictDoNothing({ target: visitors.tokenHash });
    return written.rowCount === 1;
  }

  async arrive(siteId: string, tokenHash: string, { at, device, visitGapMs }: Arrival): Promise<VisitorRow | undefined> {
    // SET reads the row as it was: the second of two arrivals at once sees the first one's last_seen_at.
    const away = sql`${at}::bigint - ${visitors.lastSeenAt} > ${visitGapMs}`;
    const [row] = await this.db
      .update(visitors)
      .set({
        lastSeenAt: at,
        device,
        visits: sql`CASE WHEN ${away} THEN ${visitors.visits} + 1 ELSE ${visitors.visits} END`,
        visitStartedAt: sql`CASE WHEN ${away} THEN ${at}::bigint ELSE ${visitors.visitStartedAt} END`,
      })
      .where(and(eq(visitors.siteId, siteId), eq(visitors.tokenHash, tokenHash)))
      .returning();
    return row;
  }

  async bySiteAndTokenHash(siteId: string, tokenHash: string): Promise<VisitorRow | undefined> {
    const [row] = await this.db
      .select()
      .from(visitors)
      .where(and(eq(visitors.siteId, siteId), eq(visitors.tokenHash, tokenHash)));
    return row;
  }

  async byId(siteId: string, id: string): Promise<VisitorRow | undefined> {
    const [row] = await this.db
      .select()
      .from(visitors)
      .where(and(eq(visitors.siteId, siteId), eq(visitors.id, id)));
    return row;
  }

  async update(siteId: string, id: string, changes: VisitorChanges): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    await this.db
      .update(visitors)
      .set(changes)
      .where(and(eq(visitors.siteId, siteId), eq(visitors.id, id)));
  }

  async customerById(siteId: string, id: string): Promise<CustomerRow | undefined> {
    const [row] = await this.db
      .select()
      .from(customers)
      .where(and(eq(customers.siteId, siteId), eq(customers.id, id)));
    return row;
  }

  async upsertCustomer(row: CustomerRow): Promise<CustomerRow> {
    const [saved] = await this.db
      .insert(customers)
      .values(row)
      .onConflictDoUpdate({
        target: [customers.siteId, customers.externalId],
        set: { name: row.name, email: row.email, updatedAt: row.updatedAt },
      })
      .returning();
    if (!saved) throw new Error('An upsert returned no row');
    return saved;
  }

  async idsOfCustomer(siteId: string, customerId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: visitors.id })
      .from(visitors)
      .where(and(eq(visitors.siteId, siteId), eq(visitors.customerId, customerId)));
    return rows.map((r) => r.id);
  }

  linkedVisitors(): Promise<LinkedVisitor[]> {
    return this.db
      .select({ visitorId: visitors.id, customer: customers })
      .from(visitors)
      .innerJoin(customers, and(eq(customers.id, visitors.customerId), eq(customers.siteId, visitors.siteId)));
  }
}
