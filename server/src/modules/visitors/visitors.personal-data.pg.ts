import type { PrivacySubject } from '@mostrador/shared';
import { and, eq, inArray, ne, notExists, sql } from 'drizzle-orm';
import { type PgTx, pgTxOf, type Tx } from '../../db/committer.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { cartEvents, carts, customers, pageViews, visitors } from '../../db/pg/schema/index.ts';
import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';
import type { VisitorsPersonalData } from './visitors.personal-data.ts';

/** The visitors module's part in the privacy registry on PostgreSQL: the same contract as SQLite's. */
export class PgVisitorsPersonalData implements VisitorsPersonalData {
  constructor(private readonly db: PgDb) {}

  async resolve(siteId: string, subject: PrivacySubject): Promise<SubjectScope | null> {
    if (subject.kind === 'visitor') {
      const [visitor] = await this.db
        .select({ id: visitors.id, customerId: visitors.customerId })
        .from(visitors)
        .where(and(eq(visitors.id, subject.id), eq(visitors.siteId, siteId)));
      if (!visitor) return null;
      const shared =
        visitor.customerId !== null &&
        (
          await this.db
            .select({ id: visitors.id })
            .from(visitors)
            .where(and(eq(visitors.siteId, siteId), eq(visitors.customerId, visitor.customerId), ne(visitors.id, visitor.id)))
            .limit(1)
        ).length > 0;
      const customerIds = visitor.customerId && !shared ? [visitor.customerId] : [];
      return { siteId, subject, visitorIds: [visitor.id], customerIds };
    }
    const [customer] = await this.db
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.id, subject.id), eq(customers.siteId, siteId)));
    if (!customer) return null;
    const devices = await this.db
      .select({ id: visitors.id })
      .from(visitors)
      .where(and(eq(visitors.siteId, siteId), eq(visitors.customerId, customer.id)));
    return { siteId, subject, visitorIds: devices.map((r) => r.id), customerIds: [customer.id] };
  }

  readonly identities: PersonalDataSource = {
    tables: ['visitors', 'customers'],
    exportRows: async (scope) => ({
      visitors: (await this.db.select().from(visitors).where(visitorsOf(scope))).map(({ tokenHash: _credential, ...row }) => row),
      customers: await this.db.select().from(customers).where(customersOf(scope)),
    }),
    eraseInTx: async (tx, scope) => {
      const db = pgTxOf(tx);
      const gone = (await db.delete(visitors).where(visitorsOf(scope))).rowCount ?? 0;
      const stillLinked = db.select({ id: visitors.id }).from(visitors).where(eq(visitors.customerId, customers.id));
      const customersGone = (await db.delete(customers).where(and(customersOf(scope), notExists(stillLinked)))).rowCount ?? 0;
      return gone + customersGone;
    },
  };

  readonly activity: PersonalDataSource = {
    tables: ['page_views', 'carts', 'cart_events'],
    exportRows: async (scope) => {
      const ids = siteVisitorIds(this.db, scope);
      return {
        page_views: await this.db.select().from(pageViews).where(inArray(pageViews.visitorId, ids)),
        carts: await this.db.select().from(carts).where(inArray(carts.visitorId, ids)),
        cart_events: await this.db.select().from(cartEvents).where(inArray(cartEvents.visitorId, ids)),
      };
    },
    eraseInTx: async (tx, scope) => {
      const db = pgTxOf(tx);
      let changed = 0;
      changed += (await db.delete(pageViews).where(inArray(pageViews.visitorId, siteVisitorIds(db, scope)))).rowCount ?? 0;
      changed += (await db.delete(carts).where(inArray(carts.visitorId, siteVisitorIds(db, scope)))).rowCount ?? 0;
      changed += (await db.delete(cartEvents).where(inArray(cartEvents.visitorId, siteVisitorIds(db, scope)))).rowCount ?? 0;
      return changed;
    },
    retention: {
      kind: 'trail',
      purgeInTx: async (tx: Tx, siteId: string, cutoff: number, limit: number) => {
        const db = pgTxOf(tx);
        // PostgreSQL's DELETE takes no LIMIT: the batch is chosen by id first, as on SQLite.
        const pages = await db.execute(sql`DELETE FROM page_views WHERE id IN (
          SELECT pv.id FROM page_views pv JOIN visitors v ON v.id = pv.visitor_id
          WHERE v.site_id = ${siteId} AND pv.started_at < ${cutoff} LIMIT ${limit})`);
        const purgedPages = pages.rowCount ?? 0;
        if (purgedPages >= limit) return purgedPages;
        const events = await db.execute(sql`DELETE FROM cart_events WHERE id IN (
          SELECT ce.id FROM cart_events ce JOIN visitors v ON v.id = ce.visitor_id
          WHERE v.site_id = ${siteId} AND ce.at < ${cutoff} LIMIT ${limit - purgedPages})`);
        return purgedPages + (events.rowCount ?? 0);
      },
    },
  };
}

const visitorsOf = (scope: SubjectScope) => and(eq(visitors.siteId, scope.siteId), inArray(visitors.id, [...scope.visitorIds]));

const customersOf = (scope: SubjectScope) => and(eq(customers.siteId, scope.siteId), inArray(customers.id, [...scope.customerIds]));

/** The scope's visitors, checked against the site once more: rows without a site column are reached through it. */
const siteVisitorIds = (db: PgDb | PgTx, scope: SubjectScope) => db.select({ id: visitors.id }).from(visitors).where(visitorsOf(scope));
