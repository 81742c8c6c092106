import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { customers, visitors } from '../../db/schema.ts';
import type { Arrival, CustomerRow, VisitorChanges, VisitorRow, VisitorsRepository, VisitorsRepositoryNow } from './visitors.repository.ts';

/**
 * `visitors` and `customers` on SQLite. The service still reads and writes
 * through `now`, synchronously; the promises answer the same.
 */
export class SqliteVisitorsRepository implements VisitorsRepository {
  readonly now: VisitorsRepositoryNow;

  constructor(private readonly db: Db) {
    this.now = new VisitorsNow(db);
  }

  async insert(row: VisitorRow): Promise<boolean> {
    const written = this.db.insert(visitors).values(row).onConflictDoNothing({ target: visitors.tokenHash }).run();
    return written.changes === 1;
  }

  async arrive(siteId: string, tokenHash: string, { at, device, visitGapMs }: Arrival): Promise<VisitorRow | undefined> {
    const away = sql`${at} - ${visitors.lastSeenAt} > ${visitGapMs}`;
    return this.db
      .update(visitors)
      .set({
        lastSeenAt: at,
        device,
        visits: sql`CASE WHEN ${away} THEN ${visitors.visits} + 1 ELSE ${visitors.visits} END`,
        visitStartedAt: sql`CASE WHEN ${away} THEN ${at} ELSE ${visitors.visitStartedAt} END`,
      })
      .where(and(eq(visitors.siteId, siteId), eq(visitors.tokenHash, tokenHash)))
      .returning()
      .get();
  }

  async bySiteAndTokenHash(siteId: string, tokenHash: string): Promise<VisitorRow | undefined> {
    return this.now.bySiteAndTokenHash(siteId, tokenHash);
  }

  async byId(siteId: string, id: string): Promise<VisitorRow | undefined> {
    return this.now.byId(siteId, id);
  }

  async update(siteId: string, id: string, changes: VisitorChanges): Promise<void> {
    this.now.update(siteId, id, changes);
  }

  async customerById(siteId: string, id: string): Promise<CustomerRow | undefined> {
    return this.now.customerById(siteId, id);
  }

  async upsertCustomer(row: CustomerRow): Promise<CustomerRow> {
    return this.now.upsertCustomer(row);
  }

  async idsOfCustomer(siteId: string, customerId: string): Promise<string[]> {
    return this.now.idsOfCustomer(siteId, customerId);
  }
}

/** The synchronous reads and writes the service uses today. */
class VisitorsNow implements VisitorsRepositoryNow {
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

  /** A token's hash already taken throws (the unique index): the handshake's path, as it always was. */
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
