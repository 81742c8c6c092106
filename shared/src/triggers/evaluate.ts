import type { RuleCondition, TextMatch, WidgetTrigger } from '../schemas/triggers.ts';
import type { BusinessHoursCondition } from './businessHours.ts';
import { regexMatches } from './patterns.ts';

/**
 * Everything the trigger conditions read about one tab, right now.
 * Times are milliseconds since the epoch.
 */
export interface VisitorState {
  now: number;
  pageStartedAt: number;
  visitStartedAt: number;
  url: string;
  /** Pages seen in this visit, this one included. */
  pagesViewed: number;
  product: { price: number | null; currency: string | null } | null;
  cart: { total: number; currency: string; items: number; skus: readonly string[] } | null;
  /** When the visitor began checkout, while they are in it. */
  checkoutSince: number | null;
  lastActivityAt: number;
  exitIntent: boolean;
  referrer: string;
  utm: Readonly<Partial<Record<string, string>>>;
  returning: boolean;
  /** Primary subtag of the visitor's language ("ca"). */
  language: string;
  /** Whether an agent is online in a department (null: the site's general queue). */
  agentsOnline(departmentId: string | null): boolean;
  /** Custom events the shop tracked on this page. */
  events: ReadonlySet<string>;
  /** Whether `at` is inside a `business_hours` condition's hours: `withinBusinessHours` (businessHours.ts), handed in by the caller (the server's trigger engine). */
  withinBusinessHours(condition: BusinessHoursCondition, at: number): boolean;
}

/** What the caps need: when each rule last fired for this visitor, and what this session and page saw. */
export interface TriggerHistory {
  lastFiredAt: Readonly<Record<string, number>>;
  firedThisSession: ReadonlySet<string>;
  invitedThisPage: boolean;
}

export interface TriggerChoice {
  /** The rule to fire now, if any: the first that qualifies and that its cap allows. */
  fire: WidgetTrigger | null;
  /** Rules that qualified but their frequency cap held back: the comparison group. */
  heldBack: WidgetTrigger[];
}

const HOUR = 3_600_000;

/**
 * A glob over the whole text, ignoring case, in at most pattern × text steps
 * (the text is a shopper's URL or referrer): a glob made into a regular
 * expression would backtrack for ages on `*a*a*a*a*` against a long address.
 */
export function matchesGlob(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let pi = 0;
  let ti = 0;
  // The last `*` seen, and where in the text it began to match.
  let star = -1;
  let from = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      from = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++from;
    } else return false;
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}

/** `*` any run of characters, `?` one; the whole text must match. Bad regular expressions match nothing. */
export function matchesText(rule: TextMatch, text: string): boolean {
  return rule.match === 'glob' ? matchesGlob(rule.pattern, text) : regexMatches(rule.pattern, text);
}

function holds(condition: RuleCondition, s: VisitorState, departmentId: string | null): boolean {
  const seconds = (since: number) => (s.now - since) / 1000;
  switch (condition.type) {
    case 'time_on_page':
      return seconds(s.pageStartedAt) >= condition.seconds;
    case 'time_on_site':
      return seconds(s.visitStartedAt) >= condition.seconds;
    case 'url': {
      const path = s.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split('#')[0] || '/';
      return matchesText(condition, /^https?:/i.test(condition.pattern) ? s.url : path);
    }
    case 'pages_viewed':
      return s.pagesViewed >= condition.min;
    case 'product_page':
      return (
        !!s.product &&
        (condition.minPrice === null || (s.product.currency === condition.currency && (s.product.price ?? -1) >= condition.minPrice))
      );
    case 'cart_value': {
      const total = s.cart?.currency === condition.currency ? s.cart.total : 0;
      return condition.op === 'gte' ? total >= condition.amount : total < condition.amount;
    }
    case 'cart_items':
      return (s.cart?.items ?? 0) >= condition.min;
    case 'cart_contains':
      return !!s.cart?.skus.includes(condition.sku);
    case 'checkout_idle':
      return s.checkoutSince !== null && seconds(Math.max(s.checkoutSince, s.lastActivityAt)) >= condition.seconds;
    case 'exit_intent':
      return s.exitIntent;
    case 'idle':
      return seconds(s.lastActivityAt) >= condition.seconds;
    case 'referrer':
      return matchesText(condition, s.referrer);
    case 'utm':
      return matchesText(condition, s.utm[condition.param] ?? '');
    case 'returning_visitor':
      return s.returning;
    case 'language':
      return condition.languages.includes(s.language);
    case 'agents_online':
      return s.agentsOnline(departmentId);
    case 'business_hours':
      return s.withinBusinessHours(condition, s.now);
    case 'event':
      return s.events.has(condition.name);
  }
}

/** All conditions hold, each negated where the rule says so. */
export function qualifies(trigger: WidgetTrigger, state: VisitorState): boolean {
  return trigger.conditions.every((c) => holds(c, state, trigger.action.departmentId) !== c.negate);
}

/** Whether the rule's frequency cap lets it fire now. */
export function capAllows(trigger: WidgetTrigger, history: TriggerHistory, now: number): boolean {
  const last = history.lastFiredAt[trigger.id];
  switch (trigger.frequency.kind) {
    case 'once_per_visitor':
      return last === undefined;
    case 'once_per_session':
      return !history.firedThisSession.has(trigger.id);
    case 'every_hours':
      return last === undefined || now - last >= trigger.frequency.hours * HOUR;
  }
}

/**
 * Picks what to do now. Nothing fires while the visitor types or chats, nor
 * twice on one page; otherwise the first rule, in the site's order, that
 * qualifies and that its cap allows. Qualifying rules the cap stops are
 * reported as held back, so the report can compare.
 */
export function chooseTrigger(
  triggers: readonly WidgetTrigger[],
  state: VisitorState,
  history: TriggerHistory,
  busy: { typing: boolean; chatting: boolean },
): TriggerChoice {
  const choice: TriggerChoice = { fire: null, heldBack: [] };
  if (busy.typing || busy.chatting || history.invitedThisPage) return choice;
  for (const trigger of triggers) {
    if (!qualifies(trigger, state)) continue;
    if (!capAllows(trigger, history, state.now)) choice.heldBack.push(trigger);
    else if (!choice.fire) choice.fire = trigger;
  }
  return choice;
}
