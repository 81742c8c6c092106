import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { customers, visitors } from '../../db/schema.ts';

export type VisitorRow = typeof visitors.$inferSelect;
export type CustomerRow = typeof customers.$inferSelect;
export type VisitorChanges = Partial<Omit<VisitorRow, 'id' | 'siteId' | 'tokenHash' | 'label' | 'createdAt'>>;

/**
 * The visitors and the customers a shop vouched for. Every read and write is
 * within the caller's site (from the visitor token or the agent's session).
 */
export class VisitorsRepository {
  // Read on every widget's connection: prepared once, as building and preparing the SQL cost more than running it.
  readonly #byTokenHash;
  readonly #byId;

  constructor(private readonly db: Db) {
    const p = sql.placeholder;
    this.#byTokenHash = db
      .select()
      .from(visitors)
      .where(and(eq(visitors.siteId, p('siteId')), eq(visitors.tokenHash, p('tokenHash'))))
      .prepare();
    this.#byId = db
      .select()
      .from(visitors)
      .where(and(eq(visitors.siteId, p('siteId')), eq(visitors.id, p('id'))))
      .prepare();
  }

  insert(row: VisitorRow): void {
    this.db.insert(visitors).values(row).run();
  }

  bySiteAndTokenHash(siteId: string, tokenHash: string): VisitorRow | undefined {
    return this.#byTokenHash.get({ siteId, tokenHash });
  }

  byId(siteId: string, id: string): VisitorRow | undefined {
    return this.#byId.get({ siteId, id });
  }

  update(siteId: string, id: string, changes: VisitorChanges): void {
    if (Object.keys(changes).length === 0) return;
    this.db
      .update(visitors)
      .set(changes)
      .where(and(eq(visitors.siteId, siteId), eq(visitors.id, id)))
      .run();
  }

  customerById(siteId: string, id: string): CustomerRow | undefined {
    return this.db
      .select()
      .from(customers)
      .where(and(eq(customers.siteId, siteId), eq(customers.id, id)))
      .get();
  }

  /** Creates the customer on first sight, or refreshes the name and email the shop gave. */
  upsertCustomer(row: CustomerRow): CustomerRow {
    return this.db
      .insert(customers)
      .values(row)
      .onConflictDoUpdate({
        target: [customers.siteId, customers.externalId],
        set: { name: row.name, email: row.email, updatedAt: row.updatedAt },
      })
      .returning()
      .get();
  }

  /** Every visitor (device) linked to a customer. */
  idsOfCustomer(siteId: string, customerId: string): string[] {
    return this.db
      .select({ id: visitors.id })
      .from(visitors)
      .where(and(eq(visitors.siteId, siteId), eq(visitors.customerId, customerId)))
      .all()
      .map((r) => r.id);
  }
}
