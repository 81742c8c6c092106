import {
  fail,
  isTimeZone,
  ok,
  REPORT_MAX_DAYS,
  zonedInstant,
  type LiveFilter,
  type NpsReport,
  type PreviousPeriod,
  type ReportQuery,
  type ReportSummary,
  type Result,
  type RevenueFigure,
  type RevenueTriggerRow,
  type Schedule,
} from '@mostrador/shared';
import {
  agentLoadIn,
  agentRowsOf,
  agentTimeIn,
  ATTRIBUTION_DAYS_DEFAULT,
  customerKeyOf,
  dayNumberDate,
  durationStats,
  factsOf,
  headlineOf,
  localDayNumber,
  noRevenueIn,
  previousPeriod,
  REOPEN_WINDOW_HOURS,
  revenueOf,
  summarize,
  withReturns,
  type ConversationFacts,
  type RevenueResult,
  type StatusChange,
} from '@mostrador/shared/reports';
import { factsOfRow, factsRow, scheduleKey, STALE_AT, storedScheduleKey, type FactsRow } from './fact-rows.ts';
import type { ReportScope, ReportsRepository } from './reports.repository.ts';

const DAY_MS = 86_400_000;

/** What the reports need from outside the module. */
export interface ReportPorts {
  /** The site's own time zone: the default for a report's days. */
  timeZoneOf(siteId: string): string;
  /** The hours a department's line keeps (the site's when it has none); null: always open. */
  scheduleFor(siteId: string, departmentId: string | null): Schedule | null;
  /** NPS answers given in [from, to). */
  npsBetween(siteId: string, from: number, to: number): Promise<NpsReport>;
  /** An agent's capacity now (most chats at once), or null if it is gone. */
  capacityOf(siteId: string, agentId: string): number | null;
  /** Agents' status changes in [from, to), with each one's last before `from` (the team module's log). */
  statusChanges(siteId: string, from: number, to: number, agentId?: string): Promise<StatusChange[]>;
}

const dayNumberOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** Stale conversations read per statement by id (bound parameters stay well under either engine's limit). */
const IDS_PER_READ = 1000;

/** A scope's conversation facts in a zone, each with its visitor (the revenue figures need it). */
interface ScopeFacts {
  facts: ConversationFacts[];
  visitorIds: string[];
  /** How many were stale or missing, so recomputed and stored. */
  recomputed: number;
}

/** A department's hours, and their fingerprint, read once per computation. */
interface Lines {
  scheduleOf: (departmentId: string | null) => Schedule | null;
  keyOf: (departmentId: string | null) => string;
}

/**
 * The reports of a site: reads the conversations created in a range of local
 * days and hands them to the figures defined in `@mostrador/shared/reports`,
 * so the summary, its day rows and the CSV are one computation.
 */
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly ports: ReportPorts,
  ) {}

  /** Async, as the repository may sit on PostgreSQL: a report is an admin's request, never the message path. */
  async summary(siteId: string, query: ReportQuery, now = Date.now()): Promise<Result<ReportSummary>> {
    const timeZone = query.timeZone ?? this.ports.timeZoneOf(siteId);
    if (!isTimeZone(timeZone)) return fail('invalid_payload', 'Unknown time zone');
    const first = dayNumberOf(query.from);
    const last = dayNumberOf(query.to);
    if (!Number.isFinite(first) || !Number.isFinite(last) || last < first)
      return fail('invalid_payload', 'The range ends before it starts');
    if (last - first + 1 > REPORT_MAX_DAYS) return fail('invalid_payload', `A report covers at most ${REPORT_MAX_DAYS} days`);
    const from = zonedInstant(first, 0, timeZone);
    const to = zonedInstant(last + 1, 0, timeZone);
    const { departmentId, agentId, origin, tag } = query;
    const scope: ReportScope = { siteId, from, to, departmentId, agentId, origin, tag };
    const lines = this.#linesOf(siteId);
    const current = await this.factsIn(scope, timeZone, lines);
    // The reopen rate's returns are added after the stored facts: they depend on other conversations, so are never stored.
    const facts = await this.#withReturns(scope, current.facts);
    const range = { timeZone, from: query.from, to: query.to };
    const [revenue, changes, previous, nps] = await Promise.all([
      this.#revenue(scope, current, range, query.attributionDays ?? ATTRIBUTION_DAYS_DEFAULT),
      this.ports.statusChanges(siteId, from, to, query.agentId),
      this.#previous(scope, range, lines),
      this.ports.npsBetween(siteId, from, to),
    ]);
    const summary = summarize(facts, range, nps, revenue);
    const time = agentTimeIn(changes, from, to, now);
    const load = agentLoadIn(facts, time, (agentId) => this.ports.capacityOf(siteId, agentId), from, to, now);
    const agentTime = agentRowsOf(time, load);
    return ok({ ...summary, agentTime, previous });
  }

  /**
   * The reopen rate's returns: conversations the same customers started up to
   * REOPEN_WINDOW_HOURS after the scope's last day, on the whole site.
   */
  async #withReturns(scope: ReportScope, facts: ConversationFacts[]): Promise<ConversationFacts[]> {
    if (!facts.some((f) => f.lastClosedAt !== null)) return facts;
    const starts = await this.repo.customerStarts(scope.siteId, scope.from, scope.to + REOPEN_WINDOW_HOURS * 3_600_000);
    return withReturns(
      facts,
      starts.map((start) => ({ customerKey: customerKeyOf(start), createdAt: start.createdAt })),
    );
  }

  /** Each line's hours and their fingerprint, read once per department for one computation. */
  #linesOf(siteId: string): Lines {
    const schedules = new Map<string | null, Schedule | null>();
    const keys = new Map<string | null, string>();
    const scheduleOf = (departmentId: string | null) => {
      if (!schedules.has(departmentId)) schedules.set(departmentId, this.ports.scheduleFor(siteId, departmentId));
      return schedules.get(departmentId)!;
    };
    const keyOf = (departmentId: string | null) => {
      let key = keys.get(departmentId);
      if (key === undefined) keys.set(departmentId, (key = scheduleKey(scheduleOf(departmentId))));
      return key;
    };
    return { scheduleOf, keyOf };
  }

  /**
   * The facts of the scope's conversations in `timeZone`: the stored rows,
   * and for each missing or stale one (its conversation changed since, or its
   * line's hours did) the facts recomputed from its log, then stored. Exact:
   * a stored row is used only when everything it was computed from is unchanged.
   */
  async factsIn(scope: ReportScope, timeZone: string, lines = this.#linesOf(scope.siteId)): Promise<ScopeFacts> {
    const rows = await this.repo.storedFacts(scope);
    const facts: ConversationFacts[] = [];
    const visitorIds: string[] = [];
    const stale = new Set<string>();
    for (const row of rows) {
      const departmentId = row[4] as string | null;
      if (row[STALE_AT] === 1 || row[STALE_AT] === true || storedScheduleKey(row) !== lines.keyOf(departmentId))
        stale.add(row[0] as string);
      else {
        facts.push(factsOfRow(row, timeZone));
        visitorIds.push(row[1] as string);
      }
    }
    if (stale.size === 0) return { facts, visitorIds, recomputed: 0 };
    // Most of the scope stale (the first report after an upgrade): one read of the scope beats thousands of ids.
    const ids = [...stale];
    const reads = stale.size > rows.length / 2 ? [scope] : chunks(ids, IDS_PER_READ).map((part) => ({ ...scope, ids: part }));
    const saved: FactsRow[] = [];
    for (const read of reads)
      for (const conversation of await this.repo.conversationsIn(read)) {
        if (!stale.has(conversation.id)) continue;
        const f = factsOf(conversation, timeZone, lines.scheduleOf);
        facts.push(f);
        visitorIds.push(conversation.visitorId);
        saved.push(factsRow(scope.siteId, f, conversation.signature, lines.keyOf(conversation.departmentId)));
      }
    await this.repo.saveFacts(saved);
    return { facts, visitorIds, recomputed: saved.length };
  }

  /**
   * Brings the stored facts of the site's conversations changed at or after
   * `since` up to date, off any request: reports then find them fresh. Returns how many were recomputed.
   */
  async refreshChanged(siteId: string, since: number): Promise<number> {
    const changed = await this.repo.changedSince(siteId, since);
    let recomputed = 0;
    for (const part of chunks(changed, IDS_PER_READ)) {
      const from = Math.min(...part.map((c) => c.createdAt));
      const to = Math.max(...part.map((c) => c.createdAt)) + 1;
      const scope = { siteId, from, to, ids: part.map((c) => c.id) };
      recomputed += (await this.factsIn(scope, 'UTC')).recomputed;
    }
    return recomputed;
  }

  /**
   * Today's median first response (raw), in the site's zone: the summary's
   * figure for today with the same filters, read without the rest of the report, for "Live now".
   */
  async firstResponseToday(
    siteId: string,
    filter: LiveFilter = {},
    now = Date.now(),
  ): Promise<{ date: string; timeZone: string; medianSeconds: number | null }> {
    const timeZone = this.ports.timeZoneOf(siteId);
    const today = localDayNumber(now, timeZone);
    const scope: ReportScope = { ...filter, siteId, from: zonedInstant(today, 0, timeZone), to: zonedInstant(today + 1, 0, timeZone) };
    const date = dayNumberDate(today);
    const responses = (await this.factsIn(scope, timeZone)).facts.flatMap((facts) =>
      facts.firstResponse && facts.date === date ? [facts.firstResponse.raw] : [],
    );
    return { date, timeZone, medianSeconds: durationStats(responses).medianSeconds };
  }

  /**
   * The conversions after the chats of [from, to), per trigger rule, and the
   * baseline: the summary's `revenue.byTrigger` and `revenue.baseline` for
   * those instants, unfiltered, by the same `revenueOf`, for the trigger report.
   */
  async triggerConversions(
    siteId: string,
    from: number,
    to: number,
    attributionDays: number,
  ): Promise<{ byTrigger: RevenueTriggerRow[]; baseline: RevenueFigure }> {
    const timeZone = this.ports.timeZoneOf(siteId);
    const scope: ReportScope = { siteId, from, to };
    const current = await this.factsIn(scope, timeZone);
    // The local days only name the day rows, which the trigger report does not show.
    const range = { timeZone, from: dayNumberDate(localDayNumber(from, timeZone)), to: dayNumberDate(localDayNumber(to - 1, timeZone)) };
    const { report } = await this.#revenue(scope, current, range, attributionDays);
    return { byTrigger: report.byTrigger, baseline: report.baseline };
  }

  /**
   * The headline figures of the previous period (as many local days, ending
   * the day before `from`), with the same filters and zone: the same
   * `summarize` over that period's conversations, without revenue, which the
   * cards do not compare.
   */
  async #previous(scope: ReportScope, range: { timeZone: string; from: string; to: string }, lines: Lines): Promise<PreviousPeriod> {
    const period = previousPeriod(range.from, range.to);
    const previousRange = { timeZone: range.timeZone, from: period.from, to: period.to };
    const from = zonedInstant(dayNumberOf(period.from), 0, range.timeZone);
    const to = zonedInstant(dayNumberOf(period.to) + 1, 0, range.timeZone);
    const previous = { ...scope, from, to };
    const facts = await this.#withReturns(previous, (await this.factsIn(previous, range.timeZone, lines)).facts);
    const noRevenue = noRevenueIn(previousRange, ATTRIBUTION_DAYS_DEFAULT);
    const summary = summarize(facts, previousRange, await this.ports.npsBetween(scope.siteId, from, to), noRevenue);
    return { from: period.from, to: period.to, ...headlineOf(summary) };
  }

  /**
   * Purchases after the scope's chats and, as the baseline, after the first
   * page view of the site's visitors who had no conversation in the period.
   * A window opens at most at the period's end (a baseline visit) or at a
   * chat's first message, and stays open N days: checkouts and purchases are read that far.
   */
  async #revenue(
    scope: ReportScope,
    { facts, visitorIds }: ScopeFacts,
    range: { timeZone: string; from: string; to: string },
    attributionDays: number,
  ): Promise<RevenueResult> {
    const [rules, conversationVisitors, visits] = await Promise.all([
      this.repo.rulesOf(scope),
      this.repo.conversationVisitors(scope.siteId, scope.from, scope.to),
      this.repo.firstVisits(scope.siteId, scope.from, scope.to),
    ]);
    const chats = facts.flatMap((f, i) => {
      if (f.clockStart === null) return [];
      const rule = rules.get(f.id) ?? null;
      return [
        {
          conversationId: f.id,
          visitorId: visitorIds[i]!,
          date: f.date,
          startedAt: f.clockStart,
          agentId: f.assigneeId,
          departmentId: f.departmentId,
          rule,
        },
      ];
    });
    const lastStart = chats.reduce((latest, c) => Math.max(latest, c.startedAt), scope.to);
    return revenueOf({
      chats,
      conversationVisitors,
      visits,
      ...(await this.repo.cartStages(scope.siteId, scope.from, lastStart + attributionDays * DAY_MS)),
      attributionDays,
      ...range,
    });
  }
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let at = 0; at < list.length; at += size) parts.push(list.slice(at, at + size));
  return parts;
}
