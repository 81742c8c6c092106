import type { AttachmentType, Branding, BusinessHours } from '@mostrador/shared';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { epochMillis, rowId } from './columns.ts';

// The site and what belongs to it as a whole. Mirrors server/src/db/schema.ts; what each column means is said there.

export const sites = pgTable('sites', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  allowedOrigins: jsonb('allowed_origins').$type<string[]>().notNull(),
  departmentChoice: boolean('department_choice').notNull().default(false),
  typingPreview: boolean('typing_preview').notNull().default(true),
  identityEnforced: boolean('identity_enforced').notNull().default(false),
  identitySecret: text('identity_secret').notNull().default(''),
  conversationRetentionDays: integer('conversation_retention_days'),
  trailRetentionDays: integer('trail_retention_days'),
  branding: jsonb('branding').$type<Branding>(),
  ratingEnabled: boolean('rating_enabled').notNull().default(true),
  ratingAskAgain: boolean('rating_ask_again').notNull().default(false),
  npsEnabled: boolean('nps_enabled').notNull().default(false),
  preChat: text('pre_chat', { enum: ['off', 'email', 'name_email'] })
    .notNull()
    .default('off'),
  attachmentMaxMb: integer('attachment_max_mb').notNull().default(20),
  attachmentTypes: jsonb('attachment_types').$type<AttachmentType[]>().notNull().default(['image', 'pdf', 'text', 'office', 'archive']),
  visitorUploads: boolean('visitor_uploads').notNull().default(true),
  createdAt: epochMillis('created_at').notNull(),
});

export const meta = pgTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const tags = pgTable(
  'tags',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    name: text('name').notNull(),
    colour: text('colour', { enum: ['grey', 'blue', 'green', 'amber', 'red', 'purple'] }).notNull(),
    createdAt: epochMillis('created_at').notNull(),
  },
  (t) => [uniqueIndex('tags_site_name').on(t.siteId, t.name)],
);

export const businessHours = pgTable(
  'business_hours',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    scope: text('scope').notNull(),
    schedule: jsonb('schedule').$type<BusinessHours>().notNull(),
    updatedAt: epochMillis('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.scope] })],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: rowId(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    at: epochMillis('at').notNull(),
  },
  (t) => [index('audit_log_site').on(t.siteId, t.id), index('audit_log_target').on(t.targetId)],
);
