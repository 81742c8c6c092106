import { and, asc, eq, gte, isNull, max, sql } from 'drizzle-orm';
import { pgTxOf, type Tx } from '../../db/committer.ts';
import { advisoryXactLock } from '../../db/pg/advisory-lock.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { triggerFirings, triggerRules } from '../../db/pg/schema/index.ts';
import type { FiringCounts, NewFiring, RuleChanges, TriggerFiringRow, TriggerRuleRow, TriggersRepository } from './triggers.repository.ts';
import { firingCounts, firingOf, heldBackSince } from './triggers.statements.ts';

/** Rules in position order, ties by id in byte order, as SQLite sorts, whatever the database's collation. */
const IN_ORDER = [asc(triggerRules.position), sql`${triggerRules.id} collate "C"`];

/**
 * The triggers' tables on PostgreSQL: the same contract as the SQLite
 * repository's. A firing's resend from another node meets the unique index
 * on (visitor, firing id) and does nothing; a held-back visit is checked and
 * written after a transaction-scoped advisory lock on the visitor and rule,
 * so two nodes counting the same visit at once take turns.
 */
export class PgTriggersRepository implements TriggersRepository {
  constructor(private readonly db: PgDb) {}

  all(): Promise<TriggerRuleRow[]> {
    return this.db
      .select()
      .from(triggerRules)
      .orderBy(asc(triggerRules.siteId), ...IN_ORDER);
  }

  list(siteId: string): Promise<TriggerRuleRow[]> {
    return this.db
      .select()
      .from(triggerRules)
      .where(eq(triggerRules.siteId, siteId))
      .orderBy(...IN_ORDER);
  }

  async insert(row: TriggerRuleRow): Promise<void> {
    await this.db.insert(triggerRules).values(row);
  }

  /** Under a transaction-scoped advisory lock on the site: a second node's count waits for this insert. */
  async insertWithinLimit(row: Omit<TriggerRuleRow, 'position'>, max: number): Promise<TriggerRuleRow | undefined> {
    return this.db.transaction(async (tx) => {
      await advisoryXactLock(tx, `trigger_rules:${row.siteId}`);
      const [site] = await tx
        .select({ rules: sql<number>`count(*)::int`, last: sql<number>`coalesce(max(${triggerRules.position}), 0)::int` })
        .from(triggerRules)
        .where(eq(triggerRules.siteId, row.siteId));
      if (!site || site.rules >= max) return undefined;
      const stored = { ...row, position: site.last + 1 };
      await tx.insert(triggerRules).values(stored);
      return stored;
    });
  }

  async update(siteId: string, id: string, changes: RuleChanges): Promise<TriggerRuleRow | undefined> {
    const [row] = await this.db
      .update(triggerRules)
      .set(changes)
      .where(and(eq(triggerRules.siteId, siteId), eq(triggerRules.id, id)))
      .returning();
    return row;
  }

  async delete(siteId: string, id: string): Promise<boolean> {
    const deleted = await this.db
      .delete(triggerRules)
      .where(and(eq(triggerRules.siteId, siteId), eq(triggerRules.id, id)))
      .returning({ id: triggerRules.id });
    return deleted.length > 0;
  }

  async reorder(siteId: string, ids: readonly string[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const [index, id] of ids.entries()) {
        await tx
          .update(triggerRules)
          .set({ position: index + 1 })
          .where(and(eq(triggerRules.siteId, siteId), eq(triggerRules.id, id)));
      }
    });
  }

  async insertFiringInTx(tx: Tx, row: NewFiring): Promise<boolean> {
    const stored = await pgTxOf(tx)
      .insert(triggerFirings)
      .values(row)
      .onConflictDoNothing({ target: [triggerFirings.visitorId, triggerFirings.firingId] })
      .returning({ id: triggerFirings.id });
    return stored.length > 0;
  }

  async insertHeldBackInTx(tx: Tx, row: NewFiring, since: number): Promise<boolean> {
    const db = pgTxOf(tx);
    await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`trigger_held:${row.visitorId}:${row.ruleId}`}, 0))`);
    const counted = await db
      .select({ id: triggerFirings.id })
      .from(triggerFirings)
      .where(heldBackSince(triggerFirings, row, since))
      .limit(1);
    return counted.length === 0 && this.insertFiringInTx(tx, row);
  }

  async firingInTx(tx: Tx, siteId: string, visitorId: string, firingId: string): Promise<TriggerFiringRow | undefined> {
    const [row] = await pgTxOf(tx)
      .select()
      .from(triggerFirings)
      .where(firingOf(triggerFirings, siteId, visitorId, firingId));
    return row;
  }

  async lastFirings(siteId: string, visitorId: string): Promise<Record<string, number>> {
    const rows = await this.db
      .select({ ruleId: triggerFirings.ruleId, at: max(triggerFirings.at) })
      .from(triggerFirings)
      .where(and(eq(triggerFirings.siteId, siteId), eq(triggerFirings.visitorId, visitorId), eq(triggerFirings.outcome, 'fired')))
      .groupBy(triggerFirings.ruleId);
    return Object.fromEntries(rows.flatMap((row) => (row.at === null ? [] : [[row.ruleId, row.at]])));
  }

  async markOpenedInTx(tx: Tx, siteId: string, visitorId: string, firingId: string, at: number): Promise<void> {
    await pgTxOf(tx)
      .update(triggerFirings)
      .set({ openedAt: at })
      .where(and(firingOf(triggerFirings, siteId, visitorId, firingId), isNull(triggerFirings.openedAt)));
  }

  async markRepliedInTx(tx: Tx, siteId: string, visitorId: string, firingId: string, conversationId: string, at: number): Promise<void> {
    await pgTxOf(tx)
      .update(triggerFirings)
      .set({ repliedAt: at, conversationId, openedAt: sql`COALESCE(${triggerFirings.openedAt}, ${at})` })
      .where(firingOf(triggerFirings, siteId, visitorId, firingId));
  }

  async markAnsweredInTx(tx: Tx, siteId: string, conversationId: string, at: number): Promise<void> {
    await pgTxOf(tx)
      .update(triggerFirings)
      .set({ answeredAt: at })
      .where(and(eq(triggerFirings.siteId, siteId), eq(triggerFirings.conversationId, conversationId), isNull(triggerFirings.answeredAt)));
  }

  async markConversionInTx(
    tx: Tx,
    siteId: string,
    visitorId: string,
    stage: 'checkout' | 'purchase',
    at: number,
    since: number,
  ): Promise<number> {
    const column = stage === 'checkout' ? triggerFirings.checkoutAt : triggerFirings.purchaseAt;
    const changed = await pgTxOf(tx)
      .update(triggerFirings)
      .set(stage === 'checkout' ? { checkoutAt: at } : { purchaseAt: at })
      .where(
        and(eq(triggerFirings.siteId, siteId), eq(triggerFirings.visitorId, visitorId), gte(triggerFirings.at, since), isNull(column)),
      );
    return changed.rowCount ?? 0;
  }

  async report(siteId: string, since: number): Promise<FiringCounts[]> {
    return this.db
      .select({ ruleId: triggerFirings.ruleId, ...firingCounts(triggerFirings) })
      .from(triggerFirings)
      .where(and(eq(triggerFirings.siteId, siteId), gte(triggerFirings.at, since)))
      .groupBy(triggerFirings.ruleId);
  }
}
