import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { epochMillis } from './columns.ts';
import { sites } from './sites.ts';

// Mail out (the outbox and the reply mailer's watermarks) and in (webhook replay guard). Mirrors server/src/db/schema.ts.

export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    conversationId: text('conversation_id').notNull(),
    visitorId: text('visitor_id').notNull(),
    kind: text('kind', { enum: ['replies', 'transcript'] }).notNull(),
    toAddress: text('to_address').notNull(),
    fromAddress: text('from_address').notNull(),
    replyTo: text('reply_to'),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'bounced'] }).notNull(),
    via: text('via', { enum: ['smtp', 'mailbox'] }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: epochMillis('next_attempt_at').notNull(),
    lastError: text('last_error'),
    messageId: text('message_id').notNull(),
    createdAt: epochMillis('created_at').notNull(),
    sentAt: epochMillis('sent_at'),
  },
  (t) => [
    index('email_outbox_due').on(t.status, t.nextAttemptAt),
    index('email_outbox_conversation').on(t.conversationId, t.createdAt),
    index('email_outbox_message_id').on(t.messageId),
  ],
);

export const emailWatermarks = pgTable('email_watermarks', {
  conversationId: text('conversation_id').primaryKey(),
  siteId: text('site_id')
    .notNull()
    .references(() => sites.id),
  visitorId: text('visitor_id').notNull(),
  throughVisitorSeq: integer('through_visitor_seq').notNull(),
});

export const inboundWebhookTokens = pgTable(
  'inbound_webhook_tokens',
  {
    token: text('token').primaryKey(),
    seenAt: epochMillis('seen_at').notNull(),
  },
  (t) => [index('inbound_webhook_tokens_seen').on(t.seenAt)],
);
