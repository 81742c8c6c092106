import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { customers, visitors } from '../../db/schema.ts';
import type { Arrival, CustomerRow, LinkedVisitor, VisitorChanges, VisitorRow, VisitorsRepository } from './visitors.repository.ts';

/**
 * `visitors` and `customers` on SQLite. Each method runs synchronously
 * before its promise is made, so an arrival's read and write are one step
 * on the one connection, as they always were.
 */
export class SqliteVisitorsRepository implements VisitorsRepository {
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

  async insert(row: VisitorRow): Promise<boolean> {
    const written = this.db.insert(visitors).values(row).onConflictDoNothing({ target: visitors.tokenHash }).run();
    return written.changes === 1;
  }

  /** The prepared read, then the write, with nothing between them on the one connection: the path the handshake always took. */
  async arrive(siteId: string, tokenHash: string, { at, device, visitGapMs }: Arrival): Promise<VisitorRow | undefined> {
    const found = this.#byTokenHash.get({ siteId, tokenHash });
    if (!found) return undefined;
    const newVisit = at - found.lastSeenAt > visitGapMs;
    const changes: VisitorChanges = { lastSeenAt: at, device, ...(newVisit ? { visits: found.visits + 1, visitStartedAt: at } : {}) };
    this.#update(siteId, found.id, changes);
    return { ...found, ...changes };
  }

  async bySiteAndTokenHash(siteId: string, tokenHash: string): Promise<VisitorRow | undefined> {
    return this.#byTokenHash.get({ siteId, tokenHash });
  }

  async byId(siteId: string, id: string): Promise<VisitorRow | undefined> {
    return this.#byId.get({ siteId, id });
  }

  async update(siteId: string, id: string, changes: VisitorChanges): Promise<void> {
    this.#update(siteId, id, changes);
  }

  async customerById(siteId: string, id: string): Promise<CustomerRow | undefined> {
    return this.db
      .select()
      .from(customers)
      .where(and(eq(customers.siteId, siteId), eq(customers.id, id)))
      .get();
  }

  async upsertCustomer(row: CustomerRow): Promise<CustomerRow> {
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

  async idsOfCustomer(siteId: string, customerId: string): Promise<string[]> {
    return this.db
      .select({ id: visitors.id })
      .from(visitors)
      .where(and(eq(visitors.siteId, siteId), eq(visitors.customerId, customerId)))
      .all()
      .map((r) => r.id);
  }

  async linkedVisitors(): Promise<LinkedVisitor[]> {
    return this.db
      .select({ visitorId: visitors.id, customer: customers })
      .from(visitors)
      .innerJoin(customers, and(eq(customers.id, visitors.customerId), eq(customers.siteId, visitors.siteId)))
      .all();
  }

  #update(siteId: string, id: string, changes: VisitorChanges): void {
    if (Object.keys(changes).length === 0) return;
    this.db
      .update(visitors)
      .set(changes)
      .where(and(eq(visitors.siteId, siteId), eq(visitors.id, id)))
      .run();
  }
}
