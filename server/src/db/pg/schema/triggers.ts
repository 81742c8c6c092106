import type { RuleCondition, TriggerAction, TriggerFrequency } from '@mostrador/shared';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { epochMillis, rowId } from './columns.ts';
import { sites } from './sites.ts';
import { visitors } from './visitors.ts';

// Proactive trigger rules and what came of each firing. Mirrors server/src/db/schema.ts; what each column means is said there.

export const triggerRules = pgTable(
  'trigger_rules',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull(),
    conditions: jsonb('conditions').$type<RuleCondition[]>().notNull(),
    action: jsonb('action').$type<TriggerAction>().notNull(),
    frequency: jsonb('frequency').$type<TriggerFrequency>().notNull(),
    createdAt: epochMillis('created_at').notNull(),
    updatedAt: epochMillis('updated_at').notNull(),
  },
  (t) => [index('trigger_rules_site').on(t.siteId, t.position)],
);

export const triggerFirings = pgTable(
  'trigger_firings',
  {
    id: rowId(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    ruleId: text('rule_id').notNull(),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id),
    firingId: text('firing_id').notNull(),
    outcome: text('outcome', { enum: ['fired', 'held_back'] }).notNull(),
    at: epochMillis('at').notNull(),
    openedAt: epochMillis('opened_at'),
    repliedAt: epochMillis('replied_at'),
    conversationId: text('conversation_id'),
    answeredAt: epochMillis('answered_at'),
    checkoutAt: epochMillis('checkout_at'),
    purchaseAt: epochMillis('purchase_at'),
  },
  (t) => [
    uniqueIndex('trigger_firings_visitor_firing').on(t.visitorId, t.firingId),
    index('trigger_firings_rule_at').on(t.ruleId, t.at),
    index('trigger_firings_visitor_at').on(t.visitorId, t.at),
    index('trigger_firings_conversation').on(t.conversationId).where(sql`conversation_id IS NOT NULL`),
    index('trigger_firings_site_at').on(t.siteId, t.at),
  ],
);
