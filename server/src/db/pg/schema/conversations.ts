import { sql } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { CONVERSATION_ORIGINS, type RatingInfo } from '@mostrador/shared';
import type { EventData } from '../../schema.ts';
import { epochMillis } from './columns.ts';
import { sites } from './sites.ts';
import { agents, departments } from './team.ts';
import { customers, visitors } from './visitors.ts';

// Conversations, their logs and how shoppers rated them. Mirrors server/src/db/schema.ts; what each column means is said there.

export const conversations = pgTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id),
    visitorLabel: text('visitor_label').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    origin: text('origin', { enum: CONVERSATION_ORIGINS }).notNull().default('visitor'),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    departmentId: text('department_id').references(() => departments.id),
    assigneeId: text('assignee_id').references(() => agents.id),
    queuedAt: epochMillis('queued_at'),
    queuePriority: integer('queue_priority').notNull().default(0),
    awaitingReplySince: epochMillis('awaiting_reply_since'),
    firstResponseAt: epochMillis('first_response_at'),
    lastSeq: integer('last_seq').notNull(),
    lastVisitorSeq: integer('last_visitor_seq').notNull().default(0),
    lastMessageBody: text('last_message_body'),
    lastMessageAuthor: text('last_message_author', { enum: ['visitor', 'agent', 'system'] }),
    lastMessageAt: epochMillis('last_message_at'),
    createdAt: epochMillis('created_at').notNull(),
    updatedAt: epochMillis('updated_at').notNull(),
    closedAt: epochMillis('closed_at'),
    ticketSince: epochMillis('ticket_since'),
    hold: text('hold', { enum: ['pending', 'snoozed'] }),
    snoozedUntil: epochMillis('snoozed_until'),
    missedAt: epochMillis('missed_at'),
    visitorLeftAt: epochMillis('visitor_left_at'),
    visitorReadSeq: integer('visitor_read_seq').notNull().default(0),
    agentReadSeq: integer('agent_read_seq').notNull().default(0),
    guestIds: jsonb('guest_ids').$type<string[]>().notNull().default([]),
    rating: jsonb('rating').$type<RatingInfo>(),
  },
  (t) => [
    // A visitor has at most one open conversation, whatever the code above does.
    uniqueIndex('conversations_one_open_per_visitor').on(t.visitorId).where(sql`status = 'open'`),
    index('conversations_site_status_updated').on(t.siteId, t.status, t.updatedAt),
    index('conversations_visitor').on(t.visitorId, t.createdAt),
    index('conversations_assignee_open').on(t.assigneeId).where(sql`status = 'open'`),
    index('conversations_queue').on(t.siteId, t.queuePriority, t.queuedAt).where(sql`status = 'open' AND assignee_id IS NULL`),
    index('conversations_snoozed').on(t.snoozedUntil).where(sql`status = 'open' AND hold = 'snoozed'`),
    index('conversations_missed').on(t.siteId, t.missedAt).where(sql`missed_at IS NOT NULL`),
    index('conversations_site_created').on(t.siteId, t.createdAt),
  ],
);

export const conversationGuests = pgTable(
  'conversation_guests',
  {
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    joinedAt: epochMillis('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.agentId] }), index('conversation_guests_agent').on(t.agentId)],
);

export const conversationEvents = pgTable(
  'conversation_events',
  {
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    seq: integer('seq').notNull(),
    visitorSeq: integer('visitor_seq'),
    type: text('type', { enum: ['message', 'status', 'joined', 'left', 'queued', 'note', 'state'] }).notNull(),
    authorKind: text('author_kind', { enum: ['visitor', 'agent', 'system'] }).notNull(),
    authorId: text('author_id'),
    authorName: text('author_name'),
    clientId: text('client_id'),
    body: text('body'),
    status: text('status', { enum: ['open', 'closed', 'pending', 'snoozed'] }),
    data: jsonb('data').$type<EventData>(),
    createdAt: epochMillis('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.seq] }),
    uniqueIndex('conversation_events_visitor_seq').on(t.conversationId, t.visitorSeq).where(sql`visitor_seq IS NOT NULL`),
    uniqueIndex('conversation_events_author_client').on(t.authorId, t.clientId).where(sql`client_id IS NOT NULL`),
  ],
);

export const conversationRatings = pgTable(
  'conversation_ratings',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    conversationId: text('conversation_id').notNull(),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id),
    /** The conversation's closed_at when rated: a moment, so int8. */
    round: epochMillis('round').notNull(),
    score: integer('score').notNull(),
    comment: text('comment'),
    createdAt: epochMillis('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('conversation_ratings_round').on(t.conversationId, t.round),
    index('conversation_ratings_site').on(t.siteId, t.createdAt),
    index('conversation_ratings_visitor').on(t.visitorId),
  ],
);

export const npsResponses = pgTable(
  'nps_responses',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id),
    customerId: text('customer_id').references(() => customers.id),
    score: integer('score').notNull(),
    createdAt: epochMillis('created_at').notNull(),
  },
  (t) => [
    index('nps_responses_visitor').on(t.visitorId, t.createdAt),
    index('nps_responses_customer').on(t.customerId, t.createdAt),
    index('nps_responses_site').on(t.siteId, t.createdAt),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    uploaderKind: text('uploader_kind', { enum: ['visitor', 'agent'] }).notNull(),
    uploaderId: text('uploader_id').notNull(),
    clientId: text('client_id').notNull(),
    visitorId: text('visitor_id'),
    conversationId: text('conversation_id'),
    seq: integer('seq'),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    type: text('type', { enum: ['image', 'pdf', 'text', 'office', 'archive'] }).notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: epochMillis('created_at').notNull(),
    thumbState: text('thumb_state', { enum: ['pending', 'ready', 'failed'] }),
    thumbKey: text('thumb_key'),
    thumbAttempts: integer('thumb_attempts').notNull().default(0),
    cannedReplyId: text('canned_reply_id'),
  },
  (t) => [
    uniqueIndex('attachments_uploader_client').on(t.siteId, t.uploaderId, t.clientId),
    index('attachments_thumb_pending').on(t.createdAt).where(sql`${t.thumbState} = 'pending'`),
    index('attachments_conversation').on(t.conversationId),
    index('attachments_visitor').on(t.siteId, t.visitorId),
    index('attachments_canned_reply').on(t.cannedReplyId).where(sql`canned_reply_id IS NOT NULL`),
  ],
);

/** bytea read and written as a Buffer, as SQLite's blob columns are. */
const bytes = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const reportFacts = pgTable('report_facts', {
  conversationId: text('conversation_id')
    .primaryKey()
    .references(() => conversations.id, { onDelete: 'cascade' }),
  siteId: text('site_id')
    .notNull()
    .references(() => sites.id),
  lastSeq: integer('last_seq').notNull(),
  status: text('status', { enum: ['open', 'closed'] }).notNull(),
  missedAt: epochMillis('missed_at'),
  ticketSince: epochMillis('ticket_since'),
  rating: jsonb('rating').$type<RatingInfo>(),
  scheduleKey: text('schedule_key').notNull(),
  channel: text('channel', { enum: ['chat', 'ticket'] }).notNull(),
  clockStart: epochMillis('clock_start'),
  firstResponseRaw: integer('first_response_raw'),
  firstResponseBusiness: integer('first_response_business'),
  resolutionRaw: integer('resolution_raw'),
  resolutionBusiness: integer('resolution_business'),
  wait: integer('wait'),
  flags: integer('flags').notNull(),
  ratings: text('ratings').notNull(),
  comments: integer('comments').notNull(),
  responses: bytes('responses').notNull(),
  lastClosedAt: epochMillis('last_closed_at'),
  handled: text('handled').notNull(),
});
