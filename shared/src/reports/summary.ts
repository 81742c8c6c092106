import type { NpsReport } from '../schemas/feedback.ts';
import type { ReportDay, ReportSummary, ReportTally } from '../schemas/reports.ts';
import type { ConversationFacts } from './facts.ts';
import type { RevenueResult } from './revenue.ts';
import { datesBetween } from './business-time.ts';
import { ratingAverageOf } from './day-figures.ts';
import { durationStats, percentOf } from './stats.ts';

/** A tally of nothing. */
export function emptyTally(): ReportTally {
  return {
    conversations: 0,
    fromVisitor: 0,
    proactive: 0,
    fromTrigger: 0,
    fromEmail: 0,
    chats: 0,
    tickets: 0,
    ticketsOutOfHours: 0,
    chatsWithMessage: 0,
    missed: 0,
    abandoned: 0,
    answered: 0,
    firstResponseSeconds: 0,
    firstResponseBusinessSeconds: 0,
    responses: 0,
    responseSeconds: 0,
    responseBusinessSeconds: 0,
    resolved: 0,
    resolutionSeconds: 0,
    resolutionBusinessSeconds: 0,
    waited: 0,
    waitSeconds: 0,
    closed: 0,
    reopened: 0,
    ratings: 0,
    ratingsPositive: 0,
    ratingScoreTotal: 0,
    comments: 0,
  };
}

const n = (flag: boolean) => (flag ? 1 : 0);

/** Adds one conversation's figures to a tally, in place. */
export function addFacts(tally: ReportTally, f: ConversationFacts): void {
  tally.conversations++;
  tally.fromVisitor += n(f.origin === 'visitor');
  tally.proactive += n(f.origin === 'agent');
  tally.fromTrigger += n(f.origin === 'trigger');
  tally.fromEmail += n(f.origin === 'email');
  tally.chats += n(f.channel === 'chat');
  tally.tickets += n(f.channel === 'ticket');
  tally.ticketsOutOfHours += n(f.ticketOutOfHours);
  tally.chatsWithMessage += n(f.channel === 'chat' && f.clockStart !== null);
  tally.missed += n(f.missed);
  tally.abandoned += n(f.abandoned);
  if (f.firstResponse) {
    tally.answered++;
    tally.firstResponseSeconds += f.firstResponse.raw;
    tally.firstResponseBusinessSeconds += f.firstResponse.business;
  }
  for (const r of f.responses) {
    tally.responses++;
    tally.responseSeconds += r.raw;
    tally.responseBusinessSeconds += r.business;
  }
  if (f.resolution) {
    tally.resolved++;
    tally.resolutionSeconds += f.resolution.raw;
    tally.resolutionBusinessSeconds += f.resolution.business;
  }
  if (f.wait !== null) {
    tally.waited++;
    tally.waitSeconds += f.wait;
  }
  tally.closed += n(f.closed);
  tally.reopened += n(f.closed && f.reopened);
  tally.ratings += f.ratings.length;
  tally.ratingsPositive += f.ratings.filter((s) => s >= 4).length;
  tally.ratingScoreTotal += f.ratings.reduce((sum, s) => sum + s, 0);
  tally.comments += f.comments;
}

/** One row per local date of the range, each the tally of the conversations created that day. */
export function dailyRows(facts: readonly ConversationFacts[], from: string, to: string): ReportDay[] {
  const rows = new Map(datesBetween(from, to).map((date) => [date, { date, ...emptyTally() }]));
  for (const f of facts) {
    const row = rows.get(f.date);
    if (row) addFacts(row, f);
  }
  return [...rows.values()];
}

/** The tally of a set of conversations. */
function tallyOf(facts: readonly ConversationFacts[]): ReportTally {
  const tally = emptyTally();
  for (const f of facts) addFacts(tally, f);
  return tally;
}

const noRevenue = { visitors: 0, checkouts: 0, converted: 0, purchases: 0, revenue: [], conversionRate: null };

function groupRows(facts: readonly ConversationFacts[], keyOf: (f: ConversationFacts) => string | null, revenue: RevenueResult['byAgent']) {
  const groups = new Map<string | null, ConversationFacts[]>();
  for (const f of facts) {
    const key = keyOf(f);
    const members = groups.get(key);
    if (members) members.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.entries()]
    .map(([id, members]) => ({
      id,
      conversations: members.length,
      firstResponseMedianSeconds: durationStats(members.flatMap((m) => (m.firstResponse ? [m.firstResponse.raw] : []))).medianSeconds,
      revenue: revenue.get(id) ?? noRevenue,
      tally: tallyOf(members),
    }))
    .sort((a, b) => b.conversations - a.conversations || String(a.id).localeCompare(String(b.id)));
}

function spans(facts: readonly ConversationFacts[], pick: (f: ConversationFacts) => { raw: number; business: number }[]) {
  const all = facts.flatMap(pick);
  return { raw: durationStats(all.map((s) => s.raw)), business: durationStats(all.map((s) => s.business)) };
}

/**
 * The report of a range: the totals are the sum of the day rows (the same
 * `addFacts` makes both); medians, percentiles, distributions, unique
 * customers and the heatmap come from the same conversations. The revenue
 * figures (see revenue.ts) join the agent and department rows.
 */
export function summarize(
  facts: readonly ConversationFacts[],
  range: { timeZone: string; from: string; to: string },
  nps: NpsReport,
  revenue: RevenueResult,
): Omit<ReportSummary, 'agentTime' | 'previous'> {
  const days = dailyRows(facts, range.from, range.to);
  const inRange = facts.filter((f) => f.date >= range.from && f.date <= range.to);
  const totals = tallyOf(inRange);
  const heatmap = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const f of inRange) heatmap[f.weekday]![f.hour]!++;
  return {
    ...range,
    totals,
    uniqueCustomers: new Set(inRange.map((f) => f.customerKey)).size,
    firstResponse: spans(inRange, (f) => (f.firstResponse ? [f.firstResponse] : [])),
    response: spans(inRange, (f) => f.responses),
    resolution: spans(inRange, (f) => (f.resolution ? [f.resolution] : [])),
    wait: durationStats(inRange.flatMap((f) => (f.wait === null ? [] : [f.wait]))),
    abandonmentRate: percentOf(totals.abandoned, totals.chatsWithMessage),
    reopenRate: percentOf(totals.reopened, totals.closed),
    csatShare: percentOf(totals.ratingsPositive, totals.ratings),
    csatAverage: ratingAverageOf(totals),
    nps,
    byDepartment: groupRows(inRange, (f) => f.departmentId, revenue.byDepartment),
    byAgent: groupRows(inRange, (f) => f.assigneeId, revenue.byAgent),
    heatmap,
    days,
    revenue: revenue.report,
  };
}
