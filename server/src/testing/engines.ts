import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { type Committer, committerFor } from '../db/committer.ts';
import type { Engine } from '../db/engine.ts';
import { GroupCommit } from '../db/group-commit.ts';
import { openPostgres } from '../db/pg/client.ts';
import * as pgSchema from '../db/pg/schema/index.ts';
import {
  agents as pgAgents,
  conversationEvents as pgConversationEvents,
  conversations as pgConversations,
  customers as pgCustomers,
  triggerFirings as pgTriggerFirings,
  departments as pgDepartments,
  sites as pgSites,
  visitors as pgVisitors,
} from '../db/pg/schema/index.ts';
import * as sqliteSchema from '../db/schema.ts';
import { agents, conversationEvents, conversations, customers, departments, sites, triggerFirings, visitors } from '../db/schema.ts';
import { createTestDatabase, type TestDatabase } from './postgres.ts';

export const ENGINES = ['sqlite', 'postgres'] as const;

/**
 * Runs `body` once per engine (SQLite in a file of its own, PostgreSQL in a
 * database of its own on the test machine's server), each test on a fresh
 * database that is removed after it. A repository's contract test is
 * written once and holds for both of its implementations. Read `engine()`
 * inside a test only.
 */
export function describeOnEngines(title: string, body: (engine: () => Engine) => void): void {
  describe.each(ENGINES)(`${title} (%s)`, (kind) => {
    let current: Engine | undefined;
    let cleanUp: (() => Promise<void>) | undefined;
    beforeEach(async () => {
      if (kind === 'sqlite') {
        const dir = mkdtempSync(join(tmpdir(), 'mostrador-engine-'));
        const { db, sqlite } = openDatabase(join(dir, 'test.sqlite'));
        current = { kind, db };
        cleanUp = async () => {
          sqlite.close();
          rmSync(dir, { recursive: true, force: true });
        };
      } else {
        const database: TestDatabase = await createTestDatabase();
        const opened = await openPostgres(database.url);
        current = { kind, db: opened.db };
        cleanUp = async () => {
          // The pool first, or it would see its sessions cut when the database is dropped.
          await opened.close();
          await database.drop();
        };
      }
    });
    afterEach(async () => {
      await cleanUp?.();
      current = undefined;
      cleanUp = undefined;
    });
    body(() => {
      if (!current) throw new Error('no database: use it inside a test');
      return current;
    });
  });
}

/** A site row with its defaults, for the rows a contract test writes under it (they reference it). */
export async function insertSite(engine: Engine, id: string): Promise<void> {
  const row = { id, key: `key-${id}`, name: `Shop ${id}`, allowedOrigins: ['self'], createdAt: 1 };
  if (engine.kind === 'sqlite') engine.db.insert(sites).values(row).run();
  else await engine.db.insert(pgSites).values(row);
}

/** An agent of the site, for rows a contract test writes that name one. */
export async function insertAgent(engine: Engine, siteId: string, id: string): Promise<void> {
  const row = { id, siteId, email: `${id}@shop.example`, name: `Agent ${id}`, role: 'agent' as const, passwordHash: 'x', createdAt: 1 };
  if (engine.kind === 'sqlite') engine.db.insert(agents).values(row).run();
  else await engine.db.insert(pgAgents).values(row);
}

/** A department of the site, for rows a contract test writes that name one. */
export async function insertDepartment(engine: Engine, siteId: string, id: string): Promise<void> {
  const row = { id, siteId, slug: id, name: `Department ${id}`, routing: 'auto' as const, createdAt: 1 };
  if (engine.kind === 'sqlite') engine.db.insert(departments).values(row).run();
  else await engine.db.insert(pgDepartments).values(row);
}

/** A visitor of the site, for rows a contract test writes about them. */
export async function insertVisitor(engine: Engine, siteId: string, id: string): Promise<void> {
  const row = { id, siteId, tokenHash: `hash-${id}`, label: `Visitor ${id}`, createdAt: 1, lastSeenAt: 1 };
  if (engine.kind === 'sqlite') engine.db.insert(visitors).values(row).run();
  else await engine.db.insert(pgVisitors).values(row);
}

/** An open conversation of the site, with a visitor of its own (`visitor-<id>`), for rows a contract test writes under it. */
export async function insertConversation(engine: Engine, siteId: string, id: string): Promise<void> {
  await insertVisitor(engine, siteId, `visitor-${id}`);
  const conversation = {
    id,
    siteId,
    visitorId: `visitor-${id}`,
    visitorLabel: id,
    status: 'open' as const,
    lastSeq: 0,
    createdAt: 1,
    updatedAt: 1,
  };
  if (engine.kind === 'sqlite') engine.db.insert(conversations).values(conversation).run();
  else await engine.db.insert(pgConversations).values(conversation);
}

/** The engine's committer, as the app builds it (SQLite: a group commit of its own over the test's database). */
export function committerOn(engine: Engine): Committer {
  return engine.kind === 'sqlite' ? committerFor(engine, new GroupCommit(engine.db.$client)) : committerFor(engine);
}

/** A verified customer of the site (the shop's own id is the same), for rows that follow a customer across devices. */
export async function insertCustomer(engine: Engine, siteId: string, id: string): Promise<void> {
  const row = { id, siteId, externalId: `shop-${id}`, createdAt: 1, updatedAt: 1 };
  if (engine.kind === 'sqlite') engine.db.insert(customers).values(row).run();
  else await engine.db.insert(pgCustomers).values(row);
}

/** A rule's invitation shown to a visitor of the site at `at` (the rule need not exist: firings name it by id only). */
export async function insertTriggerFiring(engine: Engine, siteId: string, visitorId: string, firingId: string, at: number): Promise<void> {
  const row = { siteId, ruleId: 'trg-1', visitorId, firingId, outcome: 'fired' as const, at };
  if (engine.kind === 'sqlite') engine.db.insert(triggerFirings).values(row).run();
  else await engine.db.insert(pgTriggerFirings).values(row);
}

/** An event of a conversation (insertConversation's), for contract tests that read what was written in it. */
export async function insertEvent(engine: Engine, row: typeof conversationEvents.$inferInsert): Promise<void> {
  if (engine.kind === 'sqlite') engine.db.insert(conversationEvents).values(row).run();
  else await engine.db.insert(pgConversationEvents).values(row);
}

/** A table both schemas hold, by its name in them (the same on both: schema-parity.test.ts). */
type TableName = {
  [K in keyof typeof sqliteSchema & keyof typeof pgSchema]: (typeof sqliteSchema)[K] extends { $inferInsert: object } ? K : never;
}[keyof typeof sqliteSchema & keyof typeof pgSchema];
type SqliteTable = Parameters<Extract<Engine, { kind: 'sqlite' }>['db']['insert']>[0];
type PostgresTable = Parameters<Extract<Engine, { kind: 'postgres' }>['db']['insert']>[0];

/**
 * Rows written straight into a table on either engine, as the module that
 * owns it would have written them; typed by the table's row, which is the
 * same on both.
 */
export async function insertRows<T extends TableName>(
  engine: Engine,
  table: T,
  rows: Array<(typeof sqliteSchema)[T]['$inferInsert']>,
): Promise<void> {
  if (rows.length === 0) return;
  if (engine.kind === 'sqlite')
    engine.db
      .insert(sqliteSchema[table] as SqliteTable)
      .values(rows)
      .run();
  else await engine.db.insert(pgSchema[table] as PostgresTable).values(rows);
}
