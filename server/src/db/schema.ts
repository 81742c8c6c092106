import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/** A shop that embeds the widget. `key` is public (it sits in the script tag); `id` is internal. */
export const sites = sqliteTable('sites', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  /** Exact origins allowed to open visitor sockets; "self" is the Mostrador server's own origin. */
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull(),
  createdAt: integer('created_at').notNull(),
});

export const agents = sqliteTable('agents', {
  id: text('id').primaryKey(),
  siteId: text('site_id').notNull().references(() => sites.id),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ['admin', 'agent'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Login sessions; only a hash of the cookie's token is stored. */
export const agentSessions = sqliteTable(
  'agent_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    agentId: text('agent_id').notNull().references(() => agents.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('agent_sessions_agent').on(t.agentId)],
);

export const visitors = sqliteTable(
  'visitors',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull().references(() => sites.id),
    /** SHA-256 of the visitor's secret token; the token itself never rests on the server. */
    tokenHash: text('token_hash').notNull().unique(),
    /** Short code agents use to tell anonymous visitors apart. */
    label: text('label').notNull(),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [index('visitors_site').on(t.siteId)],
);

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull().references(() => sites.id),
    visitorId: text('visitor_id').notNull().references(() => visitors.id),
    visitorLabel: text('visitor_label').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    /** Highest seq in conversation_events; the next event takes lastSeq + 1. */
    lastSeq: integer('last_seq').notNull(),
    lastMessageBody: text('last_message_body'),
    lastMessageAuthor: text('last_message_author', { enum: ['visitor', 'agent', 'system'] }),
    lastMessageAt: integer('last_message_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    closedAt: integer('closed_at'),
  },
  (t) => [
    // A visitor has at most one open conversation, whatever the code above does.
    uniqueIndex('conversations_one_open_per_visitor')
      .on(t.visitorId)
      .where(sql`status = 'open'`),
    index('conversations_site_status_updated').on(t.siteId, t.status, t.updatedAt),
    index('conversations_visitor').on(t.visitorId, t.createdAt),
  ],
);

/** Each conversation's log: messages and status changes share one gap-free sequence. */
export const conversationEvents = sqliteTable(
  'conversation_events',
  {
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    seq: integer('seq').notNull(),
    type: text('type', { enum: ['message', 'status'] }).notNull(),
    authorKind: text('author_kind', { enum: ['visitor', 'agent', 'system'] }).notNull(),
    authorId: text('author_id'),
    authorName: text('author_name'),
    clientId: text('client_id'),
    body: text('body'),
    status: text('status', { enum: ['open', 'closed'] }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.seq] }),
    // A resend from the same author with the same client id is stored once.
    uniqueIndex('conversation_events_author_client')
      .on(t.authorId, t.clientId)
      .where(sql`client_id IS NOT NULL`),
  ],
);

/** Small install-wide facts, such as which site is the demo shop's. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
