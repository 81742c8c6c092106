import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { TriggerReportRow } from '@mostrador/shared';
import type { Db } from '../../db/client.ts';
import { triggerFirings, triggerRules } from '../../db/schema.ts';

export type TriggerRuleRow = typeof triggerRules.$inferSelect;
export type TriggerFiringRow = typeof triggerFirings.$inferSelect;
type RuleChanges = Partial<Omit<TriggerRuleRow, 'id' | 'siteId' | 'createdAt'>>;

/** Trigger rules and what each firing led to; every read and write is within the caller's site. */
export class TriggersRepository {
  constructor(private readonly db: Db) {}

  list(siteId: string): TriggerRuleRow[] {
    return this.db.select().from(triggerRules).where(eq(triggerRules.siteId, siteId)).orderBy(asc(triggerRules.position)).all();
  }

  insert(row: TriggerRuleRow): void {
    this.db.insert(triggerRules).values(row).run();
  }

  update(siteId: string, id: string, changes: RuleChanges): TriggerRuleRow | undefined {
    return this.db
      .update(triggerRules)
      .set(changes)
      .where(and(eq(triggerRules.siteId, siteId), eq(triggerRules.id, id)))
      .returning()
      .get();
  }

  delete(siteId: string, id: string): boolean {
    return (
      this.db
        .delete(triggerRules)
        .where(and(eq(triggerRules.siteId, siteId), eq(triggerRules.id, id)))
        .run().changes > 0
    );
  }

  /** Stored once per visitor and firing id: a resend from the widget changes nothing. */
  insertFiring(row: Omit<TriggerFiringRow, 'id'>): boolean {
    return this.db.insert(triggerFirings).values(row).onConflictDoNothing().run().changes > 0;
  }

  firing(siteId: string, visitorId: string, firingId: string): TriggerFiringRow | undefined {
    return this.db
      .select()
      .from(triggerFirings)
      .where(and(eq(triggerFirings.siteId, siteId), eq(triggerFirings.visitorId, visitorId), eq(triggerFirings.firingId, firingId)))
      .get();
  }

  /** When each rule last fired for the visitor (invitations shown, not held back). */
  lastFirings(siteId: string, visitorId: string): Record<string, number> {
    const rows = this.db
      .select({ ruleId: triggerFirings.ruleId, at: sql<number>`max(${triggerFirings.at})` })
      .from(triggerFirings)
      .where(and(eq(triggerFirings.siteId, siteId), eq(triggerFirings.visitorId, visitorId), eq(triggerFirings.outcome, 'fired')))
      .groupBy(triggerFirings.ruleId)
      .all();
    return Object.fromEntries(rows.map((row) => [row.ruleId, row.at]));
  }

  /** Whether this rule already counted this visitor as held back since `since` (one per visit is enough). */
  heldBackSince(siteId: string, visitorId: string, ruleId: string, since: number): boolean {
    return !!this.db
      .select({ id: triggerFirings.id })
      .from(triggerFirings)
      .where(
        and(
          eq(triggerFirings.siteId, siteId),
          eq(triggerFirings.visitorId, visitorId),
          eq(triggerFirings.ruleId, ruleId),
          eq(triggerFirings.outcome, 'held_back'),
          gte(triggerFirings.at, since),
        ),
      )
      .get();
  }

  markOpened(siteId: string, visitorId: string, firingId: string, at: number): void {
    this.db
      .update(triggerFirings)
      .set({ openedAt: at })
      .where(
        and(
          eq(triggerFirings.siteId, siteId),
          eq(triggerFirings.visitorId, visitorId),
          eq(triggerFirings.firingId, firingId),
          isNull(triggerFirings.openedAt),
        ),
      )
      .run();
  }

  markReplied(siteId: string, visitorId: string, firingId: string, conversationId: string, at: number): void {
    this.db
      .update(triggerFirings)
      .set({ repliedAt: at, conversationId, openedAt: sql`COALESCE(${triggerFirings.openedAt}, ${at})` })
      .where(and(eq(triggerFirings.siteId, siteId), eq(triggerFirings.visitorId, visitorId), eq(triggerFirings.firingId, firingId)))
      .run();
  }

  markAnswered(siteId: string, conversationId: string, at: number): void {
    this.db
      .update(triggerFirings)
      .set({ answeredAt: at })
      .where(and(eq(triggerFirings.siteId, siteId), eq(triggerFirings.conversationId, conversationId), isNull(triggerFirings.answeredAt)))
      .run();
  }

  /** The visitor reached checkout or bought: every firing of the attribution window that has not yet counted it. */
  markConversion(siteId: string, visitorId: string, stage: 'checkout' | 'purchase', at: number, since: number): number {
    const column = stage === 'checkout' ? triggerFirings.checkoutAt : triggerFirings.purchaseAt;
    return this.db
      .update(triggerFirings)
      .set(stage === 'checkout' ? { checkoutAt: at } : { purchaseAt: at })
      .where(and(eq(triggerFirings.siteId, siteId), eq(triggerFirings.visitorId, visitorId), gte(triggerFirings.at, since), isNull(column)))
      .run().changes;
  }

  report(siteId: string, since: number): Array<Omit<TriggerReportRow, 'ruleId'> & { ruleId: string }> {
    const fired = sql`${triggerFirings.outcome} = 'fired'`;
    const held = sql`${triggerFirings.outcome} = 'held_back'`;
    const count = (condition: ReturnType<typeof sql>) => sql<number>`COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`;
    return this.db
      .select({
        ruleId: triggerFirings.ruleId,
        fired: count(fired),
        opened: count(sql`${fired} AND ${triggerFirings.openedAt} IS NOT NULL`),
        replied: count(sql`${fired} AND ${triggerFirings.repliedAt} IS NOT NULL`),
        chats: count(sql`${fired} AND ${triggerFirings.answeredAt} IS NOT NULL`),
        checkouts: count(sql`${fired} AND ${triggerFirings.checkoutAt} IS NOT NULL`),
        purchases: count(sql`${fired} AND ${triggerFirings.purchaseAt} IS NOT NULL`),
        heldBack: count(held),
        heldBackCheckouts: count(sql`${held} AND ${triggerFirings.checkoutAt} IS NOT NULL`),
      })
      .from(triggerFirings)
      .where(and(eq(triggerFirings.siteId, siteId), gte(triggerFirings.at, since)))
      .groupBy(triggerFirings.ruleId)
      .all();
  }
}
