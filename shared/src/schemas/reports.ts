import { z } from 'zod';
import { Id } from './common.ts';
import { ConversationOrigin } from './conversation.ts';
import { TagName } from './toolbox.ts';
import { NpsReport } from './feedback.ts';
import { AttributionDays, RevenueFigure, RevenueReport } from './revenue.ts';

/** The longest range one report covers, in days. */
export const REPORT_MAX_DAYS = 366;
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * A report's question: local dates `from`..`to` (both inclusive) in `timeZone`
 * (the site's when left out), optionally only one department's or one agent's
 * conversations (the department and assignee they have now), only those one
 * way started (`origin`), or only those carrying a tag (as they carry it now), and how many
 * days after a chat a purchase still counts (`attributionDays`, 3 when left out).
 */
export const ReportQuery = z.object({
  from: LocalDate,
  to: LocalDate,
  timeZone: z.string().min(1).max(64).optional(),
  departmentId: Id.optional(),
  agentId: Id.optional(),
  origin: ConversationOrigin.optional(),
  tag: TagName.optional(),
  attributionDays: AttributionDays.optional(),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

const Count = z.number().int().min(0);

/** The additive figures: every one is a count or a sum of seconds, so a period's total is the sum of its days. */
export const ReportTally = z.object({
  conversations: Count,
  fromVisitor: Count,
  proactive: Count,
  fromTrigger: Count,
  /** Started by the shopper's emailed answer to a chat that had closed. */
  fromEmail: Count,
  chats: Count,
  tickets: Count,
  ticketsOutOfHours: Count,
  /** Live chats in which the visitor wrote: the abandonment rate's denominator. */
  chatsWithMessage: Count,
  missed: Count,
  abandoned: Count,
  answered: Count,
  firstResponseSeconds: Count,
  firstResponseBusinessSeconds: Count,
  responses: Count,
  responseSeconds: Count,
  responseBusinessSeconds: Count,
  resolved: Count,
  resolutionSeconds: Count,
  resolutionBusinessSeconds: Count,
  waited: Count,
  waitSeconds: Count,
  closed: Count,
  reopened: Count,
  ratings: Count,
  ratingsPositive: Count,
  ratingScoreTotal: Count,
  comments: Count,
});
export type ReportTally = z.infer<typeof ReportTally>;

export const DurationFigure = z.object({
  count: Count,
  totalSeconds: Count,
  meanSeconds: Count.nullable(),
  medianSeconds: Count.nullable(),
  p90Seconds: Count.nullable(),
  buckets: z.array(Count),
});

const RawAndBusiness = z.object({ raw: DurationFigure, business: DurationFigure });
/** A share in percent with one decimal; null when nothing to divide by. */
const Percent = z.number().min(0).max(100).nullable();

export const ReportDay = ReportTally.extend({ date: LocalDate });
export type ReportDay = z.infer<typeof ReportDay>;

export const ReportGroupRow = z.object({
  /** A department's or an agent's id; null: no department, or nobody assigned. */
  id: z.string().nullable(),
  conversations: Count,
  firstResponseMedianSeconds: Count.nullable(),
  /** The visitors whose first chat of the period was in this group, and what they bought after it. */
  revenue: RevenueFigure,
  /** The group's additive figures (raw and business hours): the rows of a table sum to the totals. */
  tally: ReportTally,
});

/** Seconds an agent spent online, away and offline in the period (up to now). */
/**
 * An agent's time per status, and its chat load: seconds of chats held (each
 * chat counted), chats at once on average while signed in (online or away),
 * the peak, and utilisation against its capacity, in percent.
 */
export const AgentTimeRow = z.object({
  agentId: Id,
  onlineSeconds: Count,
  awaySeconds: Count,
  offlineSeconds: Count,
  chatSeconds: Count,
  concurrency: z.number().min(0).nullable(),
  peakConcurrency: Count,
  utilisation: z.number().min(0).nullable(),
  capacity: Count.nullable(),
});

/**
 * The figures of the summary cards, read the same way from any summary
 * (`headlineOf` in shared/src/reports/compare.ts): what a period is compared on.
 */
export const ReportHeadline = z.object({
  conversations: Count,
  uniqueCustomers: Count,
  firstResponseMedianSeconds: Count.nullable(),
  responseMeanSeconds: Count.nullable(),
  resolutionMedianSeconds: Count.nullable(),
  waitMedianSeconds: Count.nullable(),
  abandonmentRate: Percent,
  missed: Count,
  ticketsOutOfHours: Count,
  csatShare: Percent,
  csatAverage: z.number().nullable(),
  nps: z.number().nullable(),
  reopenRate: Percent,
});
export type ReportHeadline = z.infer<typeof ReportHeadline>;

/** The previous period: as many local days, ending the day before `from`, with the same filters. */
export const PreviousPeriod = ReportHeadline.extend({ from: LocalDate, to: LocalDate });
export type PreviousPeriod = z.infer<typeof PreviousPeriod>;

export const ReportSummary = z.object({
  timeZone: z.string(),
  from: LocalDate,
  to: LocalDate,
  totals: ReportTally,
  uniqueCustomers: Count,
  firstResponse: RawAndBusiness,
  response: RawAndBusiness,
  resolution: RawAndBusiness,
  wait: DurationFigure,
  abandonmentRate: Percent,
  reopenRate: Percent,
  csatShare: Percent,
  /** Mean rating 1–5 with two decimals. */
  csatAverage: z.number().nullable(),
  nps: NpsReport,
  byDepartment: z.array(ReportGroupRow),
  byAgent: z.array(ReportGroupRow),
  /** Each agent's time per status, from the log of status changes; with an agent filter, that agent's only. */
  agentTime: z.array(AgentTimeRow),
  /** Conversations created per weekday (0 = Sunday) and hour of the day: 7 rows of 24. */
  heatmap: z.array(z.array(Count)),
  days: z.array(ReportDay),
  revenue: RevenueReport,
  /** The same filters over the previous period, for the cards' comparison. */
  previous: PreviousPeriod,
});
export type ReportSummary = z.infer<typeof ReportSummary>;
