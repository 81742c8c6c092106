import { and, eq, inArray, ne, notExists } from 'drizzle-orm';
import type { PrivacySubject } from '@mostrador/shared';
import type { Db } from '../../db/client.ts';
import { cartEvents, carts, customers, pageViews, visitors } from '../../db/schema.ts';
import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';
import type { VisitorsPersonalData } from './visitors.personal-data.ts';

/**
 * The visitors module's part in the privacy registry on SQLite. Its
 * `…InTx` parts run at once: the group commit's transaction is open on this
 * connection.
 */
export class SqliteVisitorsPersonalData implements VisitorsPersonalData {
  readonly #purgePages;
  readonly #purgeCartEvents;

  constructor(private readonly db: Db) {
    this.#purgePages = db.$client.prepare<[string, number, number]>(
      `DELETE FROM page_views WHERE id IN (
         SELECT pv.id FROM page_views pv JOIN visitors v ON v.id = pv.visitor_id
         WHERE v.site_id = ? AND pv.started_at < ? LIMIT ?)`,
    );
    this.#purgeCartEvents = db.$client.prepare<[string, number, number]>(
      `DELETE FROM cart_events WHERE id IN (
         SELECT ce.id FROM cart_events ce JOIN visitors v ON v.id = ce.visitor_id
         WHERE v.site_id = ? AND ce.at < ? LIMIT ?)`,
    );
  }

  /**
   * A visitor, or a customer with every visitor linked to it. A visitor's
   * customer is theirs alone only when no other device is linked to it.
   */
  async resolve(siteId: string, subject: PrivacySubject): Promise<SubjectScope | null> {
    if (subject.kind === 'visitor') {
      const visitor = this.db
        .select({ id: visitors.id, customerId: visitors.customerId })
        .from(visitors)
        .where(and(eq(visitors.id, subject.id), eq(visitors.siteId, siteId)))
        .get();
      if (!visitor) return null;
      const shared =
        visitor.customerId !== null &&
        this.db
          .select({ id: visitors.id })
          .from(visitors)
          .where(and(eq(visitors.siteId, siteId), eq(visitors.customerId, visitor.customerId), ne(visitors.id, visitor.id)))
          .get() !== undefined;
      const customerIds = visitor.customerId && !shared ? [visitor.customerId] : [];
      return { siteId, subject, visitorIds: [visitor.id], customerIds };
    }
    const customer = this.db
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.id, subject.id), eq(customers.siteId, siteId)))
      .get();
    if (!customer) return null;
    const visitorIds = this.db
      .select({ id: visitors.id })
      .from(visitors)
      .where(and(eq(visitors.siteId, siteId), eq(visitors.customerId, customer.id)))
      .all()
      .map((r) => r.id);
    return { siteId, subject, visitorIds, customerIds: [customer.id] };
  }

  /** Who they are: the visitor rows (less the token's hash, a credential) and the customer. */
  readonly identities: PersonalDataSource = {
    tables: ['visitors', 'customers'],
    exportRows: async (scope) => ({
      visitors: this.db
        .select()
        .from(visitors)
        .where(this.#visitorsOf(scope))
        .all()
        .map(({ tokenHash: _credential, ...row }) => row),
      customers: this.db.select().from(customers).where(this.#customersOf(scope)).all(),
    }),
    eraseInTx: (_tx, scope) => {
      const gone = this.db.delete(visitors).where(this.#visitorsOf(scope)).run().changes;
      const stillLinked = this.db.select({ id: visitors.id }).from(visitors).where(eq(visitors.customerId, customers.id));
      return (
        gone +
        this.db
          .delete(customers)
          .where(and(this.#customersOf(scope), notExists(stillLinked)))
          .run().changes
      );
    },
  };

  /** What they did: pages seen, the cart and its history. Old trails follow the site's trail retention. */
  readonly activity: PersonalDataSource = {
    tables: ['page_views', 'carts', 'cart_events'],
    exportRows: async (scope) => {
      const ids = this.#siteVisitorIds(scope);
      return {
        page_views: this.db.select().from(pageViews).where(inArray(pageViews.visitorId, ids)).all(),
        carts: this.db.select().from(carts).where(inArray(carts.visitorId, ids)).all(),
        cart_events: this.db.select().from(cartEvents).where(inArray(cartEvents.visitorId, ids)).all(),
      };
    },
    eraseInTx: (_tx, scope) => {
      const ids = this.#siteVisitorIds(scope);
      return (
        this.db.delete(pageViews).where(inArray(pageViews.visitorId, ids)).run().changes +
        this.db.delete(carts).where(inArray(carts.visitorId, ids)).run().changes +
        this.db.delete(cartEvents).where(inArray(cartEvents.visitorId, ids)).run().changes
      );
    },
    retention: {
      kind: 'trail',
      purgeInTx: (_tx, siteId, cutoff, limit) => {
        const pages = this.#purgePages.run(siteId, cutoff, limit).changes;
        if (pages >= limit) return pages;
        return pages + this.#purgeCartEvents.run(siteId, cutoff, limit - pages).changes;
      },
    },
  };

  #visitorsOf(scope: SubjectScope) {
    return and(eq(visitors.siteId, scope.siteId), inArray(visitors.id, [...scope.visitorIds]));
  }

  #customersOf(scope: SubjectScope) {
    return and(eq(customers.siteId, scope.siteId), inArray(customers.id, [...scope.customerIds]));
  }

  /** The scope's visitors, checked against the site once more: rows without a site column are reached through it. */
  #siteVisitorIds(scope: SubjectScope) {
    return this.db.select({ id: visitors.id }).from(visitors).where(this.#visitorsOf(scope));
  }
}
