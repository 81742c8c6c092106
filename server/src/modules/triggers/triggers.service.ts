import {
  fail,
  ok,
  TRIGGER_RULES_MAX,
  type Result,
  type RevenueFigure,
  type RevenueTriggerRow,
  type TriggerReport,
  type TriggerReportBody,
  type TriggerRule,
  type TriggerFired,
  type TriggerRuleInput,
  type TriggerWatch,
  type WidgetTrigger,
} from '@mostrador/shared';
import { ATTRIBUTION_DAYS_DEFAULT, emptyRevenueFigure } from '@mostrador/shared/reports';
import { regexProblem } from '@mostrador/shared/triggers/patterns';
import { andThen, type Committer, type InTx, type Tx } from '../../db/committer.ts';
import { newId } from '../../db/ids.ts';
import { OneAtATime } from '../../db/one-at-a-time.ts';
import type { AtOnceOrLater, NewFiring, TriggerRuleRow, TriggersRepository } from './triggers.repository.ts';
import { needsOf, type RuleNeeds } from './trigger-wake.ts';

const DAY = 86_400_000;
/** A checkout or purchase counts for the firings of the week before it. */
export const ATTRIBUTION_MS = 7 * DAY;
/** A visitor held back by a rule counts once per visit, however many pages they see. */
const HELD_BACK_DEDUPE_MS = 30 * 60_000;

/** What the triggers module needs to know about the site and its team. */
export interface TriggerDirectory {
  agentName(siteId: string, agentId: string): string | null;
  departmentExists(siteId: string, departmentId: string): boolean;
  siteName(siteId: string): string;
}

/**
 * What the chats of a period led to, per rule, as the Reports summary
 * computes it (`revenue.byTrigger` and its baseline): the reports module
 * answers, so conversions have one definition.
 */
export interface TriggerConversionSource {
  /** Chats of conversations created in [from, to), and purchases within `attributionDays` of each; `byTrigger` id null: no rule. */
  conversions(
    siteId: string,
    from: number,
    to: number,
    attributionDays: number,
  ): Promise<{ byTrigger: readonly RevenueTriggerRow[]; baseline: RevenueFigure }>;
}

/** The invitation a reply answers, as the conversation will start with it. */
export interface Invitation {
  ruleId: string;
  message: string;
  /** A named agent, or the shop itself (no id, the site's name). */
  author: { id: string | null; name: string };
  departmentId: string | null;
  tags: string[];
}

function toRule(row: TriggerRuleRow): TriggerRule {
  const { id, name, enabled, conditions, action, frequency, createdAt, updatedAt } = row;
  return { id, name, enabled, conditions, action, frequency, createdAt, updatedAt };
}

/**
 * A regular expression in a rule must compile in RE2, which the server runs
 * them on (see shared/src/triggers/patterns.ts), or it would silently never match.
 */
function invalidPattern(input: Partial<Pick<TriggerRuleInput, 'conditions'>>): string | null {
  for (const condition of input.conditions ?? []) {
    if (!('match' in condition) || condition.match !== 'regex') continue;
    const problem = regexProblem(condition.pattern);
    if (problem) return `Invalid regular expression: ${problem}`;
  }
  return null;
}

/**
 * Proactive triggers: the merchant's rules, the widget's view of them, and what each firing led to.
 * Every widget connection and every tab the trigger engine looks at reads the rules synchronously, so
 * each site's rules are kept in memory: all read by `load()` before the app serves, and a site's read
 * again from the table after each write made here, or by `reload` when another node tells of its
 * write; writes and reads run one at a time, so the copy ends as the table does.
 */
export class TriggersService {
  /** Each site's rules, in order. */
  readonly #rules = new Map<string, TriggerRuleRow[]>();
  /** Each site's enabled rules as the server evaluates them, and what they read, built once per edit. */
  readonly #evaluated = new Map<string, { rules: readonly WidgetTrigger[]; needs: RuleNeeds }>();
  readonly #editListeners: Array<(siteId: string) => void> = [];
  readonly #copyListeners: Array<(siteId: string) => void> = [];
  readonly #writes = new OneAtATime();

  constructor(
    private readonly repo: TriggersRepository,
    private readonly committer: Committer,
    private readonly team: TriggerDirectory,
    private readonly conversionSource: TriggerConversionSource,
  ) {}

  /** Reads every site's rules (before the app serves; again, it replaces the copy and tells of every site). */
  load(): Promise<void> {
    return this.#writes.run(async () => {
      const bySite = new Map<string, TriggerRuleRow[]>();
      for (const row of await this.repo.all()) {
        const rules = bySite.get(row.siteId);
        if (rules) rules.push(row);
        else bySite.set(row.siteId, [row]);
      }
      const sites = new Set([...this.#rules.keys(), ...bySite.keys()]);
      this.#rules.clear();
      this.#evaluated.clear();
      for (const [siteId, rules] of bySite) this.#rules.set(siteId, rules);
      for (const siteId of sites) this.#copyChanged(siteId);
    });
  }

  /** Reads one site's rules again from the table: another node edited them. */
  reload(siteId: string): Promise<void> {
    return this.#writes.run(async () => this.#readAgain(siteId));
  }

  list(siteId: string): TriggerRule[] {
    return this.#rulesOf(siteId).map(toRule);
  }

  async create(siteId: string, input: TriggerRuleInput): Promise<Result<TriggerRule>> {
    const problem = invalidPattern(input);
    if (problem) return fail('invalid_payload', problem);
    const unknown = this.unknownReference(siteId, input);
    if (unknown) return unknown;
    return this.#write(siteId, async () => {
      // The table's count and last position, not the copy's, in one transaction: another node may be adding a rule.
      const now = Date.now();
      const row = await this.repo.insertWithinLimit(
        { id: newId('trg'), siteId, ...input, createdAt: now, updatedAt: now },
        TRIGGER_RULES_MAX,
      );
      return row ? ok(toRule(row)) : fail('conflict', `A site has at most ${TRIGGER_RULES_MAX} rules`);
    });
  }

  async update(siteId: string, id: string, changes: Partial<TriggerRuleInput>): Promise<Result<TriggerRule>> {
    const problem = invalidPattern(changes);
    if (problem) return fail('invalid_payload', problem);
    const unknown = this.unknownReference(siteId, changes);
    if (unknown) return unknown;
    return this.#write(siteId, async () => {
      const row = await this.repo.update(siteId, id, { ...changes, updatedAt: Date.now() });
      return row ? ok(toRule(row)) : fail('not_found', 'No such trigger');
    });
  }

  delete(siteId: string, id: string): Promise<Result<null>> {
    return this.#write(siteId, async () => ((await this.repo.delete(siteId, id)) ? ok(null) : fail('not_found', 'No such trigger')));
  }

  /** The new order must name every rule of the site exactly once; an id of no rule of the site is not found. */
  async reorder(siteId: string, ids: readonly string[]): Promise<Result<TriggerRule[]>> {
    const written = await this.#write(siteId, async () => {
      // The table's rules, not the copy's: another node may have added or removed one.
      const known = new Set((await this.repo.list(siteId)).map((r) => r.id));
      if (ids.some((id) => !known.has(id))) return fail('not_found', 'No such trigger');
      if (ids.length !== known.size || new Set(ids).size !== ids.length) {
        return fail('invalid_payload', 'The order must list every rule of the site once');
      }
      await this.repo.reorder(siteId, ids);
      return ok(null);
    });
    // The copy, as #write read it again once the new order was stored.
    return written.ok ? ok(this.list(siteId)) : written;
  }

  /** Enabled rules in order, as the widget evaluates them, with the sender's name resolved. */
  forWidget(siteId: string): WidgetTrigger[] {
    return this.#rulesOf(siteId)
      .filter((r) => r.enabled)
      .map((r) => ({
        id: r.id,
        conditions: r.conditions,
        frequency: r.frequency,
        action: {
          kind: r.action.kind,
          message: r.action.message,
          senderName: r.action.agentId ? this.team.agentName(siteId, r.action.agentId) : null,
          departmentId: r.action.departmentId,
        },
      }));
  }

  /**
   * The enabled rules the server evaluates, as `forWidget` gives them, less
   * any stored before RE2 checked its regular expressions that RE2 cannot
   * run; and what they read. The same objects until the next edit.
   */
  evaluation(siteId: string): { rules: readonly WidgetTrigger[]; needs: RuleNeeds } {
    let evaluated = this.#evaluated.get(siteId);
    if (!evaluated) {
      const rules = this.forWidget(siteId).filter((rule) => invalidPattern(rule) === null);
      evaluated = { rules, needs: needsOf(rules) };
      this.#evaluated.set(siteId, evaluated);
    }
    return evaluated;
  }

  /** The signals a tab of the site must send for the rules to be evaluated. */
  watch(siteId: string): TriggerWatch {
    const { idleAfter, exitIntent, events } = this.evaluation(siteId).needs;
    return { idleAfter, exitIntent, events: [...events] };
  }

  /** The invitation a rule's firing shows, with the sender's name as it is now; null for a rule deleted meanwhile. */
  invitation(siteId: string, ruleId: string, firingId: string): TriggerFired | null {
    const rule = this.#rulesOf(siteId).find((r) => r.id === ruleId);
    if (!rule) return null;
    const { kind, message, agentId } = rule.action;
    return { firingId, kind, message, senderName: agentId ? this.team.agentName(siteId, agentId) : null };
  }

  /** Called with the site after every edit of its rules made on this node, once its copy holds it. */
  onRulesEdited(listener: (siteId: string) => void): void {
    this.#editListeners.push(listener);
  }

  /** Called with the site whenever this node's copy of its rules changes: an edit made here, or one another node told of. */
  onRulesChanged(listener: (siteId: string) => void): void {
    this.#copyListeners.push(listener);
  }

  /** When each rule last fired for the visitor, for the frequency caps: at once on SQLite, later on PostgreSQL. */
  lastFirings(siteId: string, visitorId: string): AtOnceOrLater<Record<string, number>> {
    return this.repo.lastFirings(siteId, visitorId);
  }

  /** A rule fired for a tab, or qualified and was held back by its cap (the trigger engine's record). */
  async record(siteId: string, visitorId: string, report: TriggerReport): Promise<Result<null>> {
    const rule = this.#rulesOf(siteId).find((r) => r.id === report.ruleId);
    if (!rule) return fail('not_found', 'No such trigger');
    const now = Date.now();
    const row: NewFiring = {
      siteId,
      ruleId: rule.id,
      visitorId,
      firingId: report.firingId,
      outcome: report.outcome,
      at: now,
      // An "open" invitation is in front of the visitor at once; a teaser only once clicked.
      openedAt: report.outcome === 'fired' && rule.action.kind === 'open' ? now : null,
      repliedAt: null,
      conversationId: null,
      answeredAt: null,
      checkoutAt: null,
      purchaseAt: null,
    };
    await this.committer.run((tx) =>
      report.outcome === 'held_back'
        ? this.repo.insertHeldBackInTx(tx, row, now - HELD_BACK_DEDUPE_MS)
        : this.repo.insertFiringInTx(tx, row),
    );
    return ok(null);
  }

  async opened(siteId: string, visitorId: string, firingId: string): Promise<Result<null>> {
    await this.committer.run((tx) => this.repo.markOpenedInTx(tx, siteId, visitorId, firingId, Date.now()));
    return ok(null);
  }

  /** The invitation a visitor's reply answers; inside the step that opens the conversation. */
  invitationInTx(tx: Tx, siteId: string, visitorId: string, firingId: string): InTx<Invitation | null> {
    return andThen(this.repo.firingInTx(tx, siteId, visitorId, firingId), (firing) =>
      this.#invitationOf(siteId, firing?.outcome === 'fired' ? firing.ruleId : null),
    );
  }

  #invitationOf(siteId: string, ruleId: string | null): Invitation | null {
    const rule = ruleId === null ? undefined : this.#rulesOf(siteId).find((r) => r.id === ruleId);
    if (!rule) return null;
    const agentName = rule.action.agentId ? this.team.agentName(siteId, rule.action.agentId) : null;
    return {
      ruleId: rule.id,
      message: rule.action.message,
      author:
        rule.action.agentId && agentName ? { id: rule.action.agentId, name: agentName } : { id: null, name: this.team.siteName(siteId) },
      departmentId:
        rule.action.departmentId && this.team.departmentExists(siteId, rule.action.departmentId) ? rule.action.departmentId : null,
      tags: rule.action.tags,
    };
  }

  /** Inside the step that opened the conversation the reply started. */
  repliedInTx(tx: Tx, siteId: string, visitorId: string, firingId: string, conversationId: string, at: number): InTx<void> {
    return this.repo.markRepliedInTx(tx, siteId, visitorId, firingId, conversationId, at);
  }

  /** An agent's first answer in a conversation a trigger started: the invitation became a chat. */
  async answered(siteId: string, conversationId: string, at: number): Promise<void> {
    await this.committer.run((tx) => this.repo.markAnsweredInTx(tx, siteId, conversationId, at));
  }

  /** The cart adapters saw checkout or a purchase: it counts for the week's firings and held-back visits. */
  async cartStage(siteId: string, visitorId: string, stage: 'checkout' | 'purchase', at: number): Promise<void> {
    await this.committer.run((tx) => this.repo.markConversionInTx(tx, siteId, visitorId, stage, at, at - ATTRIBUTION_MS));
  }

  /**
   * The last `days` × 24 h: each rule's firings, and the conversions of the
   * chats its invitations started in the same period (a purchase within
   * `attributionDays` of the chat), beside chats no rule started and the baseline.
   */
  async report(siteId: string, days: number, attributionDays = ATTRIBUTION_DAYS_DEFAULT): Promise<TriggerReportBody> {
    const now = Date.now();
    const since = now - days * DAY;
    const [firings, conversions] = await Promise.all([
      this.repo.report(siteId, since),
      this.conversionSource.conversions(siteId, since, now, attributionDays),
    ]);
    const counted = new Map(firings.map((r) => [r.ruleId, r]));
    const converted = new Map(conversions.byTrigger.map(({ id, name: _name, ...figure }) => [id, figure]));
    const zero = { fired: 0, opened: 0, replied: 0, chats: 0, checkouts: 0, purchases: 0, heldBack: 0, heldBackCheckouts: 0 };
    return {
      days,
      attributionDays,
      rows: this.#rulesOf(siteId).map((rule) => ({
        ...zero,
        ...counted.get(rule.id),
        ruleId: rule.id,
        conversions: converted.get(rule.id) ?? emptyRevenueFigure(),
      })),
      withoutTrigger: converted.get(null) ?? emptyRevenueFigure(),
      baseline: conversions.baseline,
    };
  }

  /** Creates the site's starting rules (see default-rules.ts), in order. */
  async createAll(siteId: string, rules: readonly TriggerRuleInput[]): Promise<void> {
    for (const rule of rules) await this.create(siteId, rule);
  }

  /**
   * One write of the site's rules, after the writes asked for before it;
   * once it is made, the site's copy is read again from the table and the
   * listeners are told.
   */
  #write<T>(siteId: string, write: () => Promise<Result<T>>): Promise<Result<T>> {
    return this.#writes.run(async () => {
      const result = await write();
      if (!result.ok) return result;
      await this.#readAgain(siteId);
      for (const listener of this.#editListeners) listener(siteId);
      return result;
    });
  }

  async #readAgain(siteId: string): Promise<void> {
    this.#rules.set(siteId, await this.repo.list(siteId));
    this.#evaluated.delete(siteId);
    this.#copyChanged(siteId);
  }

  #copyChanged(siteId: string): void {
    for (const listener of this.#copyListeners) listener(siteId);
  }

  #rulesOf(siteId: string): readonly TriggerRuleRow[] {
    return this.#rules.get(siteId) ?? [];
  }

  /** An agent or department the rule names must be the site's; another site's answers like a missing one. */
  private unknownReference(siteId: string, input: Partial<TriggerRuleInput>): Result<never> | null {
    const { agentId, departmentId } = input.action ?? {};
    if (agentId && this.team.agentName(siteId, agentId) === null) return fail('not_found', 'No such agent');
    if (departmentId && !this.team.departmentExists(siteId, departmentId)) return fail('not_found', 'No such department');
    return null;
  }
}
