import type { RevenueDay, RevenueFigure, RevenueReport, RevenueTally, RevenueTriggerRow } from '../schemas/revenue.ts';
import { datesBetween, dayNumberDate, localDayNumber } from './business-time.ts';
import { percentOf } from './stats.ts';

const DAY_MS = 86_400_000;

/** A conversation in which the visitor wrote, as the revenue figures read it. */
export interface RevenueChat {
  conversationId: string;
  visitorId: string;
  /** Local date the conversation was created on: the day row its visitor counts in. */
  date: string;
  /** The visitor's first message in it: where its attribution window opens. */
  startedAt: number;
  /** The last assignee (the one it has now, or had when closed). */
  agentId: string | null;
  departmentId: string | null;
  /** The trigger rule whose invitation started it, if any; name null once the rule is deleted. */
  rule: { id: string; name: string | null } | null;
}

/** A visitor's first page view in the period. */
export interface RevenueVisit {
  visitorId: string;
  firstSeenAt: number;
}

/** A purchase event the widget reported (GA4 dataLayer `purchase`, Shopify checkout), in the currency's major unit. */
export interface RevenuePurchase {
  visitorId: string;
  at: number;
  total: number;
  currency: string;
}

/** The shopper reached checkout (the widget's cart adapters saw the checkout page or event). */
export interface RevenueCheckout {
  visitorId: string;
  at: number;
}

export interface RevenueInput {
  /** The period's chats (conversations created in it, in which the visitor wrote), after the report's filters. */
  chats: readonly RevenueChat[];
  /** Every visitor of the site with a conversation created in the period, whatever the filters: never in the baseline. */
  conversationVisitors: ReadonlySet<string>;
  visits: readonly RevenueVisit[];
  purchases: readonly RevenuePurchase[];
  checkouts: readonly RevenueCheckout[];
  attributionDays: number;
  timeZone: string;
  from: string;
  to: string;
}

/** The revenue section, and the figures of each agent's and department's chats for the group tables. */
export interface RevenueResult {
  report: RevenueReport;
  byAgent: ReadonlyMap<string | null, RevenueFigure>;
  byDepartment: ReadonlyMap<string | null, RevenueFigure>;
}

/** A tally being summed: money in integer cents per currency, so sums never drift. */
interface Sum {
  visitors: number;
  checkouts: number;
  converted: number;
  purchases: number;
  cents: Map<string, number>;
}

const emptySum = (): Sum => ({ visitors: 0, checkouts: 0, converted: 0, purchases: 0, cents: new Map() });

function tallyOf(sum: Sum): RevenueTally {
  return {
    visitors: sum.visitors,
    checkouts: sum.checkouts,
    converted: sum.converted,
    purchases: sum.purchases,
    revenue: [...sum.cents.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, cents]) => ({ currency, amount: cents / 100 })),
  };
}

function figureOf(sum: Sum): RevenueFigure {
  return { ...tallyOf(sum), conversionRate: percentOf(sum.converted, sum.visitors) };
}

/** The figures of nobody: what a rule, agent or department without a chat in the period has. */
export function emptyRevenueFigure(): RevenueFigure {
  return figureOf(emptySum());
}

/** What one visitor did in their window: the purchases, and whether they reached checkout (a purchase counts as reaching it). */
interface AfterWindow {
  bought: RevenuePurchase[];
  checkedOut: boolean;
}

function byVisitor<T extends { visitorId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.visitorId);
    if (list) list.push(row);
    else map.set(row.visitorId, [row]);
  }
  return map;
}

function add(sum: Sum, { bought, checkedOut }: AfterWindow): void {
  sum.visitors++;
  sum.checkouts += checkedOut ? 1 : 0;
  sum.converted += bought.length > 0 ? 1 : 0;
  sum.purchases += bought.length;
  for (const p of bought) sum.cents.set(p.currency, (sum.cents.get(p.currency) ?? 0) + Math.round(p.total * 100));
}

function sumIn<K>(map: Map<K, Sum>, key: K): Sum {
  let sum = map.get(key);
  if (!sum) map.set(key, (sum = emptySum()));
  return sum;
}

/** Each visitor's first chat of the period (earliest first message; the conversation id breaks a tie). */
function firstChats(chats: readonly RevenueChat[]): RevenueChat[] {
  const first = new Map<string, RevenueChat>();
  for (const chat of chats) {
    const seen = first.get(chat.visitorId);
    if (!seen || chat.startedAt < seen.startedAt || (chat.startedAt === seen.startedAt && chat.conversationId < seen.conversationId))
      first.set(chat.visitorId, chat);
  }
  return [...first.values()];
}

/**
 * The revenue figures of a period (definitions in docs/notes/revenue.md):
 * - a visitor chatted when a conversation of theirs created in the period has
 *   a visitor message; they count once, at their first such chat, which also
 *   names the agent, department and trigger rule they count for, so every
 *   group table sums to the total;
 * - the baseline is every visitor with a page view in the period and no
 *   conversation created in it, their window opening at that first page view;
 * - a window runs from its start to start + N × 24 h (N = attributionDays), both
 *   ends inclusive; anything before the start is not counted;
 * - reached checkout: a checkout or a purchase event in the window;
 * - converted: at least one purchase in the window;
 *   revenue: those purchases' totals, per currency, never converted or added across currencies.
 */
export function revenueOf(input: RevenueInput): RevenueResult {
  const purchases = byVisitor(input.purchases);
  const checkouts = byVisitor(input.checkouts);
  const windowOf = (visitorId: string, start: number): AfterWindow => {
    const end = start + input.attributionDays * DAY_MS;
    const inWindow = (e: { at: number }) => e.at >= start && e.at <= end;
    const bought = (purchases.get(visitorId) ?? []).filter(inWindow);
    return { bought, checkedOut: bought.length > 0 || (checkouts.get(visitorId) ?? []).some(inWindow) };
  };
  const days = new Map(datesBetween(input.from, input.to).map((date) => [date, { chat: emptySum(), baseline: emptySum() }]));
  const chat = emptySum();
  const agents = new Map<string | null, Sum>();
  const departments = new Map<string | null, Sum>();
  const triggers = new Map<string | null, { name: string | null; sum: Sum }>();
  for (const first of firstChats(input.chats)) {
    const after = windowOf(first.visitorId, first.startedAt);
    const trigger = triggers.get(first.rule?.id ?? null) ?? { name: first.rule?.name ?? null, sum: emptySum() };
    triggers.set(first.rule?.id ?? null, trigger);
    const day = days.get(first.date)?.chat;
    for (const sum of [chat, sumIn(agents, first.agentId), sumIn(departments, first.departmentId), trigger.sum, ...(day ? [day] : [])])
      add(sum, after);
  }
  const baseline = emptySum();
  for (const visit of input.visits) {
    if (input.conversationVisitors.has(visit.visitorId)) continue;
    const after = windowOf(visit.visitorId, visit.firstSeenAt);
    const day = days.get(dayNumberDate(localDayNumber(visit.firstSeenAt, input.timeZone)))?.baseline;
    for (const sum of [baseline, ...(day ? [day] : [])]) add(sum, after);
  }
  const byTrigger: RevenueTriggerRow[] = [...triggers.entries()]
    .map(([id, { name, sum }]) => ({ id, name, ...figureOf(sum) }))
    .sort((a, b) => b.visitors - a.visitors || String(a.id).localeCompare(String(b.id)));
  const dayRows: RevenueDay[] = [...days.entries()].map(([date, d]) => ({ date, chat: tallyOf(d.chat), baseline: tallyOf(d.baseline) }));
  const figures = (map: Map<string | null, Sum>) => new Map([...map.entries()].map(([id, sum]) => [id, figureOf(sum)]));
  return {
    report: { attributionDays: input.attributionDays, chat: figureOf(chat), baseline: figureOf(baseline), byTrigger, days: dayRows },
    byAgent: figures(agents),
    byDepartment: figures(departments),
  };
}

/** The revenue of a period read without its sales (the previous period's cards compare none): every figure zero, a row per day. */
export function noRevenueIn(range: { timeZone: string; from: string; to: string }, attributionDays: number): RevenueResult {
  return revenueOf({ chats: [], conversationVisitors: new Set(), visits: [], purchases: [], checkouts: [], attributionDays, ...range });
}
