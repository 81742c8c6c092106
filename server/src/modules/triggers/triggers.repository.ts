import type { TriggerFiringCounts } from '@mostrador/shared';
import type { InTx, Tx } from '../../db/committer.ts';
import type { triggerFirings, triggerRules } from '../../db/schema.ts';

/** The same on both engines (schema-parity.test.ts). */
export type TriggerRuleRow = typeof triggerRules.$inferSelect;
export type TriggerFiringRow = typeof triggerFirings.$inferSelect;
export type NewFiring = Omit<TriggerFiringRow, 'id'>;
export type RuleChanges = Partial<Omit<TriggerRuleRow, 'id' | 'siteId' | 'createdAt'>>;
/** What one rule's firings led to, counted over a window. */
export type FiringCounts = Omit<TriggerFiringCounts, 'ruleId'> & { ruleId: string };
/**
 * A read the message path makes: the value at once on SQLite, where it
 * always was synchronous, a promise on PostgreSQL (the caller waits for it
 * off its path).
 */
export type AtOnceOrLater<T> = T | Promise<T>;

/**
 * The only code touching `trigger_rules` and `trigger_firings`, on either
 * engine (triggers.repository.test.ts holds both to one contract). Every
 * read and write of a site's rows names the site, so another site's id
 * answers as a missing one. A firing is stored once per visitor and firing
 * id, held by the unique index on the pair, whichever node writes it.
 */
export interface TriggersRepository {
  /** Every site's rules, by site and position: the service's copy, read before the app serves. */
  all(): Promise<TriggerRuleRow[]>;
  /** The site's rules in order (position, then id). */
  list(siteId: string): Promise<TriggerRuleRow[]>;
  insert(row: TriggerRuleRow): Promise<void>;
  /**
   * A new rule after the site's last one, unless the site already has `max`:
   * then undefined, and nothing written. Counted and written in one
   * transaction that two nodes cannot interleave, so a site never goes over.
   */
  insertWithinLimit(row: Omit<TriggerRuleRow, 'position'>, max: number): Promise<TriggerRuleRow | undefined>;
  /** The changed rule, or undefined when the site has no rule of that id. */
  update(siteId: string, id: string, changes: RuleChanges): Promise<TriggerRuleRow | undefined>;
  /** Whether the site had the rule. */
  delete(siteId: string, id: string): Promise<boolean>;
  /** Gives the site's rules of these ids the positions 1, 2, … in the order named, in one transaction. */
  reorder(siteId: string, ids: readonly string[]): Promise<void>;

  /** Stores the firing unless the visitor has one of its firing id already (a resend from the widget): whether it was stored. */
  insertFiringInTx(tx: Tx, row: NewFiring): InTx<boolean>;
  /**
   * Stores that the rule held the visitor back, unless it already counted
   * them since `since` (one per visit is enough): whether it was stored.
   */
  insertHeldBackInTx(tx: Tx, row: NewFiring, since: number): InTx<boolean>;
  /** The visitor's firing of this id on the site (the invitation a reply answers). */
  firingInTx(tx: Tx, siteId: string, visitorId: string, firingId: string): InTx<TriggerFiringRow | undefined>;
  /** When each rule last fired for the visitor (invitations shown, not held back), by rule id. */
  lastFirings(siteId: string, visitorId: string): AtOnceOrLater<Record<string, number>>;
  /** The invitation was opened; the first opening counts. */
  markOpenedInTx(tx: Tx, siteId: string, visitorId: string, firingId: string, at: number): InTx<void>;
  /** The visitor replied, opening the conversation (opened too, if it was not yet). */
  markRepliedInTx(tx: Tx, siteId: string, visitorId: string, firingId: string, conversationId: string, at: number): InTx<void>;
  /** An agent answered in the conversation a reply opened; the first answer counts. */
  markAnsweredInTx(tx: Tx, siteId: string, conversationId: string, at: number): InTx<void>;
  /** The visitor reached checkout or bought: every firing since `since` that has not counted it yet; how many did. */
  markConversionInTx(tx: Tx, siteId: string, visitorId: string, stage: 'checkout' | 'purchase', at: number, since: number): InTx<number>;
  /** Each rule's counts over the site's firings since `since` (rules with none are absent). */
  report(siteId: string, since: number): Promise<FiringCounts[]>;
}
