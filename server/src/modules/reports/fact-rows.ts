import { createHash } from 'node:crypto';
import type { Schedule } from '@mostrador/shared';
import {
  customerKeyOf,
  dayNumberDate,
  localDayAndHour,
  type ConversationFacts,
  type Handling,
  type ReportConversation,
  type Span,
} from '@mostrador/shared/reports';

// The stored facts of a conversation (`report_facts`): what `factsOf` computes that does not depend on the
// report's time zone, in typed columns, so a report reads one short row per conversation instead of its log.
// Each figure maps here and nowhere else: `factsRow` (facts -> row) and `factsOfRow` (row -> facts). A new
// figure is one column, one line in each, and a line in STORED.

/** What a row was computed from, besides the log's last seq: when any differs from the conversation now, the row is stale. */
export interface FactsSignature {
  lastSeq: number;
  status: 'open' | 'closed';
  missedAt: number | null;
  ticketSince: number | null;
  /** The conversation's latest rating as the database holds it (text on SQLite, jsonb on PostgreSQL). */
  rating: string | null;
}

/** A conversation as read for a recount: its report view and its signature. */
export interface StoredConversation extends ReportConversation {
  signature: FactsSignature;
}

/** One `report_facts` row, by column. */
export interface FactsRow {
  conversation_id: string;
  site_id: string;
  last_seq: number;
  status: string;
  missed_at: number | null;
  ticket_since: number | null;
  rating: string | null;
  schedule_key: string;
  channel: string;
  clock_start: number | null;
  first_response_raw: number | null;
  first_response_business: number | null;
  resolution_raw: number | null;
  resolution_business: number | null;
  wait: number | null;
  flags: number;
  ratings: string;
  comments: number;
  responses: Buffer;
  last_closed_at: number | null;
  handled: string;
}

export const FACTS_COLUMNS = [
  'conversation_id',
  'site_id',
  'last_seq',
  'status',
  'missed_at',
  'ticket_since',
  'rating',
  'schedule_key',
  'channel',
  'clock_start',
  'first_response_raw',
  'first_response_business',
  'resolution_raw',
  'resolution_business',
  'wait',
  'flags',
  'ratings',
  'comments',
  'responses',
  'last_closed_at',
  'handled',
] as const satisfies readonly (keyof FactsRow)[];

/** The columns a report reads: the conversation's live ones (their current values are the facts), then the stored ones. */
export const LIVE = ['c.id', 'c.visitor_id', 'v.customer_id', 'c.origin', 'c.department_id', 'c.assignee_id', 'c.created_at'] as const;
/** From `schedule_key` on: the signature's other columns are compared in SQL, the conversation id is LIVE's. */
export const STORED = FACTS_COLUMNS.slice(FACTS_COLUMNS.indexOf('schedule_key'));

/** A row as a report reads it: LIVE, then a stale flag (0/1, or a boolean on PostgreSQL), then STORED. */
export type ReadRow = unknown[];
export const STALE_AT = LIVE.length;
const S = STALE_AT + 1;

const ABANDONED = 1;
const MISSED = 2;
const TICKET_OUT_OF_HOURS = 4;
const CLOSED = 8;
const REOPENED = 16;

/** A fingerprint of the hours spans were measured against: a change of hours makes the rows measured with the old ones stale. */
export function scheduleKey(schedule: Schedule | null): string {
  return schedule ? createHash('sha1').update(JSON.stringify(schedule)).digest('base64url').slice(0, 16) : 'always';
}

function packSpans(spans: readonly Span[]): Buffer {
  const buffer = Buffer.allocUnsafe(spans.length * 8);
  spans.forEach((span, i) => {
    buffer.writeInt32LE(span.raw, i * 8);
    buffer.writeInt32LE(span.business, i * 8 + 4);
  });
  return buffer;
}

/** The assignees' stretches as JSON tuples `[agentId, from, to]` (`to` null: still held): a few short ones per conversation. */
function packHandled(handled: readonly Handling[]): string {
  return JSON.stringify(handled.map((h) => [h.agentId, h.from, h.to]));
}

function unpackHandled(text: string): Handling[] {
  return (JSON.parse(text) as [string, number, number | null][]).map(([agentId, from, to]) => ({ agentId, from, to }));
}

function unpackSpans(buffer: Uint8Array): Span[] {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const spans: Span[] = [];
  for (let at = 0; at + 8 <= buffer.byteLength; at += 8)
    spans.push({ raw: view.getInt32(at, true), business: view.getInt32(at + 4, true) });
  return spans;
}

/** The row of one conversation's facts (computed by `factsOf` in any zone: the zone's fields are not stored). */
export function factsRow(siteId: string, facts: ConversationFacts, signature: FactsSignature, schedule: string): FactsRow {
  const flag = (on: boolean, bit: number) => (on ? bit : 0);
  return {
    conversation_id: facts.id,
    site_id: siteId,
    last_seq: signature.lastSeq,
    status: signature.status,
    missed_at: signature.missedAt,
    ticket_since: signature.ticketSince,
    rating: signature.rating,
    schedule_key: schedule,
    channel: facts.channel,
    clock_start: facts.clockStart,
    first_response_raw: facts.firstResponse?.raw ?? null,
    first_response_business: facts.firstResponse?.business ?? null,
    resolution_raw: facts.resolution?.raw ?? null,
    resolution_business: facts.resolution?.business ?? null,
    wait: facts.wait,
    flags:
      flag(facts.abandoned, ABANDONED) |
      flag(facts.missed, MISSED) |
      flag(facts.ticketOutOfHours, TICKET_OUT_OF_HOURS) |
      flag(facts.closed, CLOSED) |
      flag(facts.reopened, REOPENED),
    ratings: facts.ratings.join(''),
    comments: facts.comments,
    responses: packSpans(facts.responses),
    last_closed_at: facts.lastClosedAt,
    handled: packHandled(facts.handled),
  };
}

const num = (value: unknown) => (value === null ? null : Number(value));
const span = (raw: unknown, business: unknown): Span | null => (raw === null ? null : { raw: Number(raw), business: Number(business) });
const dates = new Map<number, string>();

/** The facts of a read row in the report's zone: the local date, weekday and hour from its creation, the rest as stored. */
export function factsOfRow(row: ReadRow, timeZone: string): ConversationFacts {
  const [id, visitorId, customerId, origin, departmentId, assigneeId, createdAt] = row as [
    string,
    string,
    string | null,
    ConversationFacts['origin'],
    string | null,
    string | null,
    number | string,
  ];
  const { dayNumber, hour } = localDayAndHour(Number(createdAt), timeZone);
  let date = dates.get(dayNumber);
  if (date === undefined) dates.set(dayNumber, (date = dayNumberDate(dayNumber)));
  const flags = row[S + 8] as number;
  const ratings = row[S + 9] as string;
  return {
    id,
    createdAt: Number(createdAt),
    date,
    weekday: (((dayNumber + 4) % 7) + 7) % 7,
    hour,
    origin,
    channel: row[S + 1] as ConversationFacts['channel'],
    departmentId,
    assigneeId,
    customerKey: customerKeyOf({ customerId, visitorId }),
    clockStart: num(row[S + 2]),
    firstResponse: span(row[S + 3], row[S + 4]),
    responses: unpackSpans(row[S + 11] as Uint8Array),
    resolution: span(row[S + 5], row[S + 6]),
    wait: num(row[S + 7]),
    abandoned: (flags & ABANDONED) !== 0,
    missed: (flags & MISSED) !== 0,
    ticketOutOfHours: (flags & TICKET_OUT_OF_HOURS) !== 0,
    closed: (flags & CLOSED) !== 0,
    reopened: (flags & REOPENED) !== 0,
    ratings: Array.from(ratings, Number),
    comments: row[S + 10] as number,
    lastClosedAt: num(row[S + 12]),
    handled: unpackHandled(row[S + 13] as string),
  };
}

/** The schedule key a read row was stored with (null: no row yet). */
export const storedScheduleKey = (row: ReadRow) => row[S] as string | null;
