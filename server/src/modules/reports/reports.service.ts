import {
  fail,
  isTimeZone,
  ok,
  REPORT_MAX_DAYS,
  zonedInstant,
  type NpsReport,
  type ReportQuery,
  type ReportSummary,
  type Result,
  type Schedule,
} from '@mostrador/shared';
import { agentTimeIn, factsOf, summarize, type StatusChange } from '@mostrador/shared/reports';
import type { ReportsRepository } from './reports.repository.ts';

const DAY_MS = 86_400_000;

/** What the reports need from outside the module. */
export interface ReportPorts {
  /** The site's own time zone: the default for a report's days. */
  timeZoneOf(siteId: string): string;
  /** The hours a department's line keeps (the site's when it has none); null: always open. */
  scheduleFor(siteId: string, departmentId: string | null): Schedule | null;
  /** NPS answers given in [from, to). */
  npsBetween(siteId: string, from: number, to: number): NpsReport;
  /** Agents' status changes in [from, to), with each one's last before `from` (the team module's log). */
  statusChanges(siteId: string, from: number, to: number, agentId?: string): StatusChange[];
}

const dayNumberOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

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

  summary(siteId: string, query: ReportQuery, now = Date.now()): Result<ReportSummary> {
    const timeZone = query.timeZone ?? this.ports.timeZoneOf(siteId);
    if (!isTimeZone(timeZone)) return fail('invalid_payload', 'Unknown time zone');
    const first = dayNumberOf(query.from);
    const last = dayNumberOf(query.to);
    if (!Number.isFinite(first) || !Number.isFinite(last) || last < first)
      return fail('invalid_payload', 'The range ends before it starts');
    if (last - first + 1 > REPORT_MAX_DAYS) return fail('invalid_payload', `A report covers at most ${REPORT_MAX_DAYS} days`);
    const from = zonedInstant(first, 0, timeZone);
    const to = zonedInstant(last + 1, 0, timeZone);
    const conversations = this.repo.conversationsIn({ siteId, from, to, departmentId: query.departmentId, agentId: query.agentId });
    const schedules = new Map<string | null, Schedule | null>();
    const scheduleOf = (departmentId: string | null) => {
      if (!schedules.has(departmentId)) schedules.set(departmentId, this.ports.scheduleFor(siteId, departmentId));
      return schedules.get(departmentId)!;
    };
    const facts = conversations.map((c) => factsOf(c, timeZone, scheduleOf));
    const summary = summarize(facts, { timeZone, from: query.from, to: query.to }, this.ports.npsBetween(siteId, from, to));
    const agentTime = agentTimeIn(this.ports.statusChanges(siteId, from, to, query.agentId), from, to, now);
    return ok({ ...summary, agentTime });
  }
}
