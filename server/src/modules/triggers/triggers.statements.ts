import { and, eq, gte, type SQL, type SQLWrapper, sql } from 'drizzle-orm';

// What both engines' triggers repositories share: conditions and counts over `trigger_firings`,
// written once with drizzle's dialect-free builders and given each engine's table.

/** The columns of `trigger_firings` read here, as either engine's schema names them. */
interface FiringColumns {
  siteId: SQLWrapper;
  visitorId: SQLWrapper;
  ruleId: SQLWrapper;
  firingId: SQLWrapper;
  at: SQLWrapper;
  outcome: SQLWrapper;
  openedAt: SQLWrapper;
  repliedAt: SQLWrapper;
  answeredAt: SQLWrapper;
  checkoutAt: SQLWrapper;
  purchaseAt: SQLWrapper;
}

/** The rows where `condition` holds, as a number (PostgreSQL's count is an int8, which its driver gives as a string). */
const countWhere = (condition: SQL) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);

/**
 * What the trigger report counts of a rule's firings, one text for both
 * engines (SQLite has had `filter` on aggregates since 3.30).
 */
export function firingCounts(t: FiringColumns) {
  const fired = sql`${t.outcome} = 'fired'`;
  const held = sql`${t.outcome} = 'held_back'`;
  return {
    fired: countWhere(fired),
    opened: countWhere(sql`${fired} AND ${t.openedAt} IS NOT NULL`),
    replied: countWhere(sql`${fired} AND ${t.repliedAt} IS NOT NULL`),
    chats: countWhere(sql`${fired} AND ${t.answeredAt} IS NOT NULL`),
    checkouts: countWhere(sql`${fired} AND ${t.checkoutAt} IS NOT NULL`),
    purchases: countWhere(sql`${fired} AND ${t.purchaseAt} IS NOT NULL`),
    heldBack: countWhere(held),
    heldBackCheckouts: countWhere(sql`${held} AND ${t.checkoutAt} IS NOT NULL`),
  };
}

/** The visitor's firing of this id on the site. */
export function firingOf(t: FiringColumns, siteId: string, visitorId: string, firingId: string): SQL | undefined {
  return and(eq(t.siteId, siteId), eq(t.visitorId, visitorId), eq(t.firingId, firingId));
}

/** The times the row's rule held its visitor back since `since`. */
export function heldBackSince(
  t: FiringColumns,
  row: { siteId: string; visitorId: string; ruleId: string },
  since: number,
): SQL | undefined {
  return and(
    eq(t.siteId, row.siteId),
    eq(t.visitorId, row.visitorId),
    eq(t.ruleId, row.ruleId),
    eq(t.outcome, 'held_back'),
    gte(t.at, since),
  );
}
