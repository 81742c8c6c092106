import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Tx } from '../../db/committer.ts';
import { triggerFirings, triggerRules } from '../../db/schema.ts';
import type { FiringCounts, NewFiring, RuleChanges, TriggerFiringRow, TriggerRuleRow, TriggersRepository } from './triggers.repository.ts';
import { firingCounts, firingOf, heldBackSince } from './triggers.statements.ts';

/**
 * The triggers' tables on SQLite. `…InTx` methods run at once in the
 * transaction already open on this connection (the group commit's: the Tx
 * carries nothing on SQLite), so a check and its write cannot be split;
 * `lastFirings` answers at once, as the trigger engine has always read it.
 */
export class SqliteTriggersRepository implements TriggersRepository {
  constructor(private readonly db: Db) {}

  async all(): Promise<TriggerRuleRow[]> {
    return this.db.select().from(triggerRules).orderBy(asc(triggerRules.siteId), asc(triggerRules.position), asc(triggerRules.id)).all();
  }

  async list(siteId: string): Promise<TriggerRuleRow[]> {
    return this.db
      .select()
      .from(triggerRules)
      .where(eq(triggerRules.siteId, siteId))
      .orderBy(asc(triggerRules.position), asc(triggerRules.id))
      .all();
  }

  async insert(row: TriggerRuleRow): Promise<void> {
    this.db.insert(triggerRules).values(row).run();
  }

  /** One synchronous transaction on the one connection: nothing else writes between the count and the insert. */
  async insertWithinLimit(row: Omit<TriggerRuleRow, 'position'>, max: number): Promise<TriggerRuleRow | undefined> {
    return this.db.transaction((tx) => {
      const [site] = tx
        .select({ rules: sql<number>`count(*)`, last: sql<number>`coalesce(max(${triggerRules.position}), 0)` })
        .from(triggerRules)
        .where(eq(triggerRules.siteId, row.siteId))
        .all();
      if (!site || site.rules >= max) return undefined;
      const stored = { ...row, position: site.last + 1 };
      tx.insert(triggerRules).values(stored).run();
      return stored;
    });
  }

  async update(siteId: string, id: string, changes: RuleChanges): Promise<TriggerRuleRow | undefined> {
    return this.db
      .update(triggerRules)
      .set(changes)
      .where(and(eq(triggerRules.siteId, siteId), eq(triggerRules.id, id)))
      .returning()
      .get();
  }

  async delete(siteId: string, id: string): Promise<boolean> {
    return (
      this.db
        .delete(triggerRules)
        .where(and(eq(triggerRules.siteId, siteId), eq(triggerRules.id, id)))
        .run().changes > 0
    );
  }

  async reorder(siteId: string, ids: readonly string[]): Promise<void> {
    this.db.transaction((tx) => {
      ids.forEach((id, index) => {
        tx.update(triggerRules)
          .set({ position: index + 1 })
          .where(and(eq(triggerRules.siteId, siteId), eq(triggerRules.id, id)))
          .run();
      });
    });
  }

  insertFiringInTx(_tx: Tx, row: NewFiring): boolean {
    return this.db.insert(triggerFirings).values(row).onConflictDoNothing().run().changes > 0;
  }

  insertHeldBackInTx(tx: Tx, row: NewFiring, since: number): boolean {
    const counted = this.db
      .select({ id: triggerFirings.id })
      .from(triggerFirings)
      .where(heldBackSince(triggerFirings, row, since))
      .get();
    return !counted && this.insertFiringInTx(tx, row);
  }

  firingInTx(_tx: Tx, siteId: string, visitorId: string, firingId: string): TriggerFiringRow | undefined {
    return this.db
      .select()
      .from(triggerFirings)
      .where(firingOf(triggerFirings, siteId, visitorId, firingId))
      .get();
  }

  lastFirings(siteId: string, visitorId: string): Record<string, number> {
    const rows = this.db
      .select({ ruleId: triggerFirings.ruleId, at: sql<number>`max(${triggerFirings.at})` })
      .from(triggerFirings)
      .where(and(eq(triggerFirings.siteId, siteId), eq(triggerFirings.visitorId, visitorId), eq(triggerFirings.outcome, 'fired')))
      .groupBy(triggerFirings.ruleId)
      .all();
    return Object.fromEntries(rows.map((row) => [row.ruleId, row.at]));
  }

  markOpenedInTx(_tx: Tx, siteId: string, visitorId: string, firingId: string, at: number): void {
    this.db
      .update(triggerFirings)
      .set({ openedAt: at })
      .where(and(firingOf(triggerFirings, siteId, visitorId, firingId), isNull(triggerFirings.openedAt)))
      .run();
  }

  markRepliedInTx(_tx: Tx, siteId: string, visitorId: string, firingId: string, conversationId: string, at: number): void {
    this.db
      .update(triggerFirings)
      .set({ repliedAt: at, conversationId, openedAt: sql`COALESCE(${triggerFirings.openedAt}, ${at})` })
      .where(firingOf(triggerFirings, siteId, visitorId, firingId))
      .run();
  }

  markAnsweredInTx(_tx: Tx, siteId: string, conversationId: string, at: number): void {
    this.db
      .update(triggerFirings)
      .set({ answeredAt: at })
      .where(and(eq(triggerFirings.siteId, siteId), eq(triggerFirings.conversationId, conversationId), isNull(triggerFirings.answeredAt)))
      .run();
  }

  markConversionInTx(_tx: Tx, siteId: string, visitorId: string, stage: 'checkout' | 'purchase', at: number, since: number): number {
    const column = stage === 'checkout' ? triggerFirings.checkoutAt : triggerFirings.purchaseAt;
    return this.db
      .update(triggerFirings)
      .set(stage === 'checkout' ? { checkoutAt: at } : { purchaseAt: at })
      .where(and(eq(triggerFirings.siteId, siteId), eq(triggerFirings.visitorId, visitorId), gte(triggerFirings.at, since), isNull(column)))
      .run().changes;
  }

  async report(siteId: string, since: number): Promise<FiringCounts[]> {
    return this.db
      .select({ ruleId: triggerFirings.ruleId, ...firingCounts(triggerFirings) })
      .from(triggerFirings)
      .where(and(eq(triggerFirings.siteId, siteId), gte(triggerFirings.at, since)))
      .groupBy(triggerFirings.ruleId)
      .all();
  }
}
