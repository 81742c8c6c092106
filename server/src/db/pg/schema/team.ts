import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { epochMillis, rowId } from './columns.ts';
import { sites } from './sites.ts';

// Agents, their departments, sessions and status. Mirrors server/src/db/schema.ts; what each column means is said there.

export const agents = pgTable('agents', {
  id: text('id').primaryKey(),
  siteId: text('site_id')
    .notNull()
    .references(() => sites.id),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ['admin', 'agent'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  capacity: integer('capacity').notNull().default(3),
  availability: text('availability', { enum: ['online', 'away'] })
    .notNull()
    .default('online'),
  createdAt: epochMillis('created_at').notNull(),
  active: boolean('active').notNull().default(true),
  totpSecret: text('totp_secret'),
  /** A TOTP step counts 30-second periods since the epoch, not milliseconds: int4 holds it for two thousand years. */
  totpLastStep: integer('totp_last_step'),
});

export const agentPictures = pgTable(
  'agent_pictures',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    contentType: text('content_type', { enum: ['image/png', 'image/jpeg', 'image/webp'] }).notNull(),
    bytes: integer('bytes').notNull(),
    createdAt: epochMillis('created_at').notNull(),
  },
  (t) => [uniqueIndex('agent_pictures_agent').on(t.agentId)],
);

export const departments = pgTable(
  'departments',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    routing: text('routing', { enum: ['auto', 'manual'] }).notNull(),
    createdAt: epochMillis('created_at').notNull(),
  },
  (t) => [uniqueIndex('departments_site_slug').on(t.siteId, t.slug)],
);

export const agentDepartments = pgTable(
  'agent_departments',
  {
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    departmentId: text('department_id')
      .notNull()
      .references(() => departments.id),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.departmentId] }), index('agent_departments_department').on(t.departmentId)],
);

export const agentSessions = pgTable(
  'agent_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    createdAt: epochMillis('created_at').notNull(),
    expiresAt: epochMillis('expires_at').notNull(),
    lastSeenAt: epochMillis('last_seen_at').notNull().default(0),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('agent_sessions_agent').on(t.agentId)],
);

export const agentRecoveryCodes = pgTable(
  'agent_recovery_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    usedAt: epochMillis('used_at'),
  },
  (t) => [index('agent_recovery_codes_agent').on(t.agentId)],
);

export const agentStatusChanges = pgTable(
  'agent_status_changes',
  {
    id: rowId(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    status: text('status', { enum: ['online', 'away', 'offline'] }).notNull(),
    at: epochMillis('at').notNull(),
  },
  (t) => [index('agent_status_changes_site_at').on(t.siteId, t.at), index('agent_status_changes_agent_at').on(t.agentId, t.at)],
);
