import { is } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresPerTest } from '../../testing/postgres.ts';
import { openPostgres, PG_MIGRATIONS_DIR, type OpenedPostgres } from './client.ts';
import * as schema from './schema/index.ts';
import { conversations, meta, sites, visitors } from './schema/index.ts';

const postgres = postgresPerTest();
const opened: OpenedPostgres[] = [];

async function open(): Promise<OpenedPostgres> {
  const database = await openPostgres(postgres.database.url);
  opened.push(database);
  return database;
}

afterEach(async () => {
  // Before the harness drops the database, or the pools would see their sessions cut.
  await Promise.all(opened.splice(0).map((database) => database.close()));
});

/**
 * Tables a custom migration makes beside drizzle's schema, as SQLite's FTS5 tables are made beside drizzle/'s:
 * the search vocabulary (drizzle-pg/0003_search.sql).
 */
const CUSTOM_TABLES = ['conversation_search_words'];

const tables = Object.values(schema)
  .filter((value) => is(value, PgTable))
  .map((table) => getTableConfig(table));

async function appliedMigrations({ pool }: OpenedPostgres): Promise<{ id: number; hash: string; created_at: string }[]> {
  const { rows } = await pool.query<{ id: number; hash: string; created_at: string }>(
    'SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id',
  );
  return rows;
}

describe('openPostgres', () => {
  it('gives a fresh database every table, column and index of the schema', async () => {
    const { pool } = await open();
    const { rows: columns } = await pool.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND NOT table_name = ANY($1) ORDER BY table_name, column_name",
      [CUSTOM_TABLES],
    );
    const { rows: indexes } = await pool.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");

    const expectedColumns = tables
      .flatMap((table) => table.columns.map((column) => ({ table_name: table.name, column_name: column.name })))
      .sort((a, b) => a.table_name.localeCompare(b.table_name) || a.column_name.localeCompare(b.column_name));
    expect(columns).toEqual(expectedColumns);
    const expectedIndexes = tables.flatMap((table) => table.indexes.map((index) => index.config.name));
    expect(indexes.map((row) => row.indexname)).toEqual(expect.arrayContaining(expectedIndexes));
  });

  it('lets five nodes start at once on a fresh database, and records each migration once', async () => {
    // allSettled: every start ends before the test does, even when one fails.
    const starts = await Promise.allSettled([open(), open(), open(), open(), open()]);

    expect(starts.map((start) => start.status)).toEqual(Array(5).fill('fulfilled'));
    const nodes = opened;
    for (const { db } of nodes) expect(await db.select().from(sites)).toEqual([]);
    const migrations = readMigrationFiles({ migrationsFolder: PG_MIGRATIONS_DIR });
    expect((await appliedMigrations(nodes[0]!)).map((row) => row.hash)).toEqual(migrations.map((migration) => migration.hash));
  });

  it('applies nothing when it opens a database that is already up to date', async () => {
    const first = await open();
    await first.db.insert(meta).values({ key: 'demo_site', value: 'site-1' });
    const before = await appliedMigrations(first);

    const again = await open();

    expect(await appliedMigrations(again)).toEqual(before);
    expect(await again.db.select().from(meta)).toEqual([{ key: 'demo_site', value: 'site-1' }]);
  });
});

describe('the PostgreSQL schema', () => {
  async function siteWithVisitor(database: OpenedPostgres): Promise<void> {
    await database.db.insert(sites).values({ id: 'site-1', key: 'key-1', name: 'Shop', allowedOrigins: ['self'], createdAt: 1 });
    await database.db
      .insert(visitors)
      .values({ id: 'visitor-1', siteId: 'site-1', tokenHash: 'hash-1', label: 'Blue fox', createdAt: 1, lastSeenAt: 1 });
  }

  function conversation(id: string, status: 'open' | 'closed') {
    return { id, siteId: 'site-1', visitorId: 'visitor-1', visitorLabel: 'Blue fox', status, lastSeq: 0, createdAt: 1, updatedAt: 1 };
  }

  it('refuses a second open conversation for the same visitor', async () => {
    const database = await open();
    await siteWithVisitor(database);
    await database.db.insert(conversations).values(conversation('conversation-1', 'open'));

    await expect(database.db.insert(conversations).values(conversation('conversation-2', 'open'))).rejects.toMatchObject({
      cause: { code: '23505', constraint: 'conversations_one_open_per_visitor' },
    });
  });

  it('accepts an open conversation beside a closed one for the same visitor', async () => {
    const database = await open();
    await siteWithVisitor(database);

    await database.db.insert(conversations).values([conversation('conversation-1', 'closed'), conversation('conversation-2', 'open')]);

    const stored = await database.db.select({ id: conversations.id, status: conversations.status }).from(conversations);
    expect(stored).toEqual(
      expect.arrayContaining([
        { id: 'conversation-1', status: 'closed' },
        { id: 'conversation-2', status: 'open' },
      ]),
    );
  });
});
