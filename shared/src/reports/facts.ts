import type { ConversationOrigin } from '../schemas/conversation.ts';
import { isOpenAt, type Schedule } from '../hours/schedule.ts';
import { dayNumberDate, localDayAndHour, openMillisBetween } from './business-time.ts';
import { toSeconds } from './stats.ts';

/** Who started a conversation: the visitor, an agent (proactive chat), a trigger's invitation or an emailed answer after a close. */
export type ReportOrigin = ConversationOrigin;
/** A live chat, or a ticket (it began while nobody could answer). */
export type ReportChannel = 'chat' | 'ticket';

/** What the reports read from a conversation's log, in log order. */
export interface TimelineEvent {
  at: number;
  /**
   * A visitor's or an agent's message (notes excluded); the conversation
   * closed or reopened (counted only after a close); an assignee joined; an
   * agent left (transferred, gone offline, or a guest leaving).
   */
  kind: 'visitor' | 'agent' | 'closed' | 'reopened' | 'assigned' | 'unassigned';
  /** Who joined or left, on those events (older logs may lack it). */
  agentId?: string;
}

/** A stretch of time an agent held the conversation open as its assignee; `to` null: still does. */
export interface Handling {
  agentId: string;
  from: number;
  to: number | null;
}

/** One conversation as the reports read it: its row, its log and its ratings. */
export interface ReportConversation {
  id: string;
  visitorId: string;
  /** The verified customer behind the visitor, if any. */
  customerId: string | null;
  origin: ReportOrigin;
  departmentId: string | null;
  /** The assignee now (or the last one, once closed). */
  assigneeId: string | null;
  status: 'open' | 'closed';
  createdAt: number;
  ticketSince: number | null;
  missedAt: number | null;
  events: readonly TimelineEvent[];
  /** The shopper's ratings of it (1–5), one per ending. */
  ratings: readonly { score: number; comment: string | null }[];
}

/** A duration measured twice: on the wall clock, and counting only business hours. */
export interface Span {
  raw: number;
  business: number;
}

/** The figures of one conversation, from which every report total is summed. */
export interface ConversationFacts {
  id: string;
  /** When it was created (ms). */
  createdAt: number;
  /** Local date ("YYYY-MM-DD") the conversation was created on, in the report's zone. */
  date: string;
  /** 0 = Sunday … 6 = Saturday, and the hour 0–23, of its creation in the report's zone. */
  weekday: number;
  hour: number;
  origin: ReportOrigin;
  channel: ReportChannel;
  departmentId: string | null;
  assigneeId: string | null;
  /** customer:<id> for a verified customer, else visitor:<id>: what "unique customers" counts. */
  customerKey: string;
  /** The visitor's first message: where every speed clock starts. Null if the visitor never wrote. */
  clockStart: number | null;
  /** Seconds from clockStart to the first agent message after it. */
  firstResponse: Span | null;
  /** Each response: seconds from the first unanswered visitor message to the agent message that follows. */
  responses: Span[];
  /** Seconds from clockStart to the last close, for a conversation closed now. */
  resolution: Span | null;
  /** Live chats: seconds from clockStart to the first assignment (0 if assigned before). */
  wait: number | null;
  abandoned: boolean;
  missed: boolean;
  ticketOutOfHours: boolean;
  closed: boolean;
  /** Its log's last close (ms), whatever happened after it; null if it never closed. */
  lastClosedAt: number | null;
  /** Opened again after a close; `withReturns` adds the customer writing again in a new conversation soon after. */
  reopened: boolean;
  ratings: number[];
  comments: number;
  /** Who held it, and when, while it was open. */
  handled: Handling[];
}

/** The hours a conversation's business-time figures are measured against; null: always open. */
export type ScheduleOf = (departmentId: string | null) => Schedule | null;

function spanOf(schedule: Schedule | null, from: number, to: number): Span {
  const raw = toSeconds(to - from);
  return { raw, business: schedule ? toSeconds(openMillisBetween(schedule, from, to)) : raw };
}

/** The responses of a log: each agent message answers the visitor messages since the last answer; a close drops the unanswered. */
function responsesOf(events: readonly TimelineEvent[], clockStart: number, schedule: Schedule | null): Span[] {
  const spans: Span[] = [];
  let waitingSince: number | null = null;
  for (const event of events) {
    if (event.at < clockStart) continue;
    if (event.kind === 'visitor') waitingSince ??= event.at;
    else if (event.kind === 'agent' && waitingSince !== null) {
      spans.push(spanOf(schedule, waitingSince, event.at));
      waitingSince = null;
    } else if (event.kind === 'closed') waitingSince = null;
  }
  return spans;
}

/** Who "unique customers" and the reopen rate count: the verified customer, else the visitor (one browser). */
export function customerKeyOf(who: { customerId: string | null; visitorId: string }): string {
  return who.customerId ? `customer:${who.customerId}` : `visitor:${who.visitorId}`;
}

/**
 * The assignees' stretches: an assignee's joining starts one (ending the
 * previous assignee's, as a transfer does), and the assignee leaving or the
 * conversation closing ends it. A guest joining or leaving changes nothing.
 */
function handlingOf(events: readonly TimelineEvent[]): Handling[] {
  const stretches: Handling[] = [];
  let current: Handling | null = null;
  const end = (at: number) => {
    if (current) current.to = at;
    current = null;
  };
  for (const event of events) {
    if (event.kind === 'assigned' && event.agentId) {
      end(event.at);
      current = { agentId: event.agentId, from: event.at, to: null };
      stretches.push(current);
    } else if (event.kind === 'closed' || (event.kind === 'unassigned' && current?.agentId === event.agentId)) end(event.at);
  }
  return stretches;
}

/** The figures of one conversation, reckoned in `timeZone` and against its department's hours. */
export function factsOf(conversation: ReportConversation, timeZone: string, scheduleOf: ScheduleOf): ConversationFacts {
  const { events } = conversation;
  const schedule = scheduleOf(conversation.departmentId);
  const firstVisitor = events.findIndex((e) => e.kind === 'visitor');
  const clockStart = events[firstVisitor]?.at ?? null;
  const channel: ReportChannel = conversation.ticketSince === null ? 'chat' : 'ticket';
  // After the visitor's first message in log order: a trigger's invitation is stamped with the same instant, just before it.
  const firstAgent = clockStart === null ? undefined : events.find((e, i) => i > firstVisitor && e.kind === 'agent');
  const lastClose = events.findLast((e) => e.kind === 'closed');
  const firstAssigned = events.find((e) => e.kind === 'assigned');
  const { dayNumber, hour } = localDayAndHour(conversation.createdAt, timeZone);
  const responses = clockStart === null ? [] : responsesOf(events, clockStart, schedule);
  const firstClose = events.findIndex((e) => e.kind === 'closed');
  return {
    id: conversation.id,
    createdAt: conversation.createdAt,
    date: dayNumberDate(dayNumber),
    weekday: (((dayNumber + 4) % 7) + 7) % 7,
    hour,
    origin: conversation.origin,
    channel,
    departmentId: conversation.departmentId,
    assigneeId: conversation.assigneeId,
    customerKey: customerKeyOf(conversation),
    clockStart,
    firstResponse: clockStart !== null && firstAgent ? spanOf(schedule, clockStart, firstAgent.at) : null,
    responses,
    resolution:
      clockStart !== null && conversation.status === 'closed' && lastClose && lastClose.at >= clockStart
        ? spanOf(schedule, clockStart, lastClose.at)
        : null,
    wait: channel === 'chat' && clockStart !== null && firstAssigned ? toSeconds(firstAssigned.at - clockStart) : null,
    abandoned:
      channel === 'chat' && clockStart !== null && !firstAgent && (conversation.missedAt !== null || conversation.status === 'closed'),
    missed: conversation.missedAt !== null,
    ticketOutOfHours: conversation.ticketSince !== null && schedule !== null && !isOpenAt(schedule, conversation.ticketSince),
    closed: firstClose !== -1,
    lastClosedAt: lastClose?.at ?? null,
    reopened: firstClose !== -1 && events.some((e, i) => i > firstClose && e.kind === 'reopened'),
    ratings: conversation.ratings.map((r) => r.score),
    comments: conversation.ratings.filter((r) => (r.comment ?? '').trim() !== '').length,
    handled: handlingOf(events),
  };
}
