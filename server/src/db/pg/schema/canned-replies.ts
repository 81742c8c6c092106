import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { epochMillis, rowId } from './columns.ts';
import { conversations } from './conversations.ts';
import { sites } from './sites.ts';
import { agents, departments } from './team.ts';

// Canned replies and each time one was used. Mirrors server/src/db/schema.ts; what each column means is said there.

export const cannedReplies = pgTable(
  'canned_replies',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    ownerId: text('owner_id').references(() => agents.id),
    departmentId: text('department_id').references(() => departments.id),
    shortcut: text('shortcut').notNull(),
    title: text('title').notNull(),
    bodies: jsonb('bodies').$type<{ ca: string; es: string; en: string }>().notNull(),
    productUrl: text('product_url'),
    createdAt: epochMillis('created_at').notNull(),
    updatedAt: epochMillis('updated_at').notNull(),
  },
  (t) => [
    index('canned_replies_site').on(t.siteId, t.shortcut),
    uniqueIndex('canned_replies_shared_shortcut').on(t.siteId, t.shortcut).where(sql`owner_id IS NULL`),
    uniqueIndex('canned_replies_own_shortcut').on(t.siteId, t.ownerId, t.shortcut).where(sql`owner_id IS NOT NULL`),
  ],
);

export const cannedReplyUses = pgTable(
  'canned_reply_uses',
  {
    id: rowId(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    replyId: text('reply_id')
      .notNull()
      .references(() => cannedReplies.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    usedAt: epochMillis('used_at').notNull(),
  },
  (t) => [
    index('canned_reply_uses_site').on(t.siteId, t.usedAt),
    index('canned_reply_uses_conversation').on(t.conversationId),
    index('canned_reply_uses_reply').on(t.replyId),
  ],
);
