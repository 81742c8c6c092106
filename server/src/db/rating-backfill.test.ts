import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as sqliteMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as pgDrizzle } from 'drizzle-orm/node-postgres';
import { migrate as pgMigrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresPerTest } from '../testing/postgres.ts';
import { sqlOn, type TestSql } from '../testing/sql.ts';
import { openDatabase } from './client.ts';
import { openPostgres, PG_MIGRATIONS_DIR } from './pg/client.ts';
import * as pgSchema from './pg/schema/index.ts';
import * as schema from './schema.ts';

/*
 * The migration that puts a conversation's latest rating on its row
 * (drizzle/0027_conversation_rating.sql, drizzle-pg/0006_conversation_rating.sql)
 * backfills it from the ratings an install already has: a database made by
 * the migrations before it, holding ratings, is brought up to date.
 */

const SQLITE_MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle');
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of a migrations folder that stops before the migration `tag`. */
function migrationsBefore(folder: string, tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-migrations-'));
  dirs.push(dir);
  cpSync(folder, dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const at = journal.entries.findIndex((entry) => entry.tag === tag);
  if (at < 0) throw new Error(`no migration ${tag} in ${folder}`);
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return dir;
}

/** A shop as the earlier schema holds it: a conversation rated twice (asked again after a reopen), and one never rated. */
async function ratedShop(sql: TestSql): Promise<void> {
  await sql.run("INSERT INTO sites (id, key, name, allowed_origins, created_at) VALUES ('site-1', 'key-1', 'Shop', '[\"self\"]', 1)");
  await sql.run(
    "INSERT INTO visitors (id, site_id, token_hash, label, created_at, last_seen_at) VALUES ('v-1', 'site-1', 'h', 'Fox', 1, 1)",
  );
  for (const [id, status] of [
    ['c-rated', 'closed'],
    ['c-plain', 'open'],
  ]) {
    await sql.run(
      "INSERT INTO conversations (id, site_id, visitor_id, visitor_label, status, last_seq, created_at, updated_at) VALUES (?, 'site-1', 'v-1', 'Fox', ?, 0, 1, 1)",
      id,
      status,
    );
  }
  const rating =
    "INSERT INTO conversation_ratings (id, site_id, conversation_id, visitor_id, round, score, comment, created_at) VALUES (?, 'site-1', 'c-rated', 'v-1', ?, ?, ?, ?)";
  await sql.run(rating, 'rat-1', 100, 5, null, 1_000);
  await sql.run(rating, 'rat-2', 200, 2, 'Slow', 2_000);
}

async function ratingsOnRows(sql: TestSql): Promise<Record<string, unknown>> {
  const rows = await sql.all<{ id: string; rating: unknown }>('SELECT id, rating FROM conversations');
  return Object.fromEntries(rows.map((row) => [row.id, typeof row.rating === 'string' ? JSON.parse(row.rating) : row.rating]));
}

const EXPECTED = { 'c-rated': { score: 2, comment: 'Slow', createdAt: 2_000 }, 'c-plain': null };

describe('the rating on the conversation row, migrated', () => {
  it('takes each conversation’s latest rating on SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mostrador-backfill-'));
    dirs.push(dir);
    const file = join(dir, 'old.sqlite');
    const old = new Database(file);
    sqliteMigrate(sqliteDrizzle(old), { migrationsFolder: migrationsBefore(SQLITE_MIGRATIONS_DIR, '0027_conversation_rating') });
    await ratedShop(sqlOn({ kind: 'sqlite', db: sqliteDrizzle(old, { schema }) }));
    old.close();

    const upgraded = openDatabase(file);
    try {
      expect(await ratingsOnRows(sqlOn({ kind: 'sqlite', db: upgraded.db }))).toEqual(EXPECTED);
    } finally {
      upgraded.sqlite.close();
    }
  });

  const postgres = postgresPerTest();

  it('takes each conversation’s latest rating on PostgreSQL', async () => {
    const pool = new pg.Pool({ connectionString: postgres.database.url });
    try {
      await pgMigrate(pgDrizzle({ client: pool }), { migrationsFolder: migrationsBefore(PG_MIGRATIONS_DIR, '0006_conversation_rating') });
      await ratedShop(sqlOn({ kind: 'postgres', db: pgDrizzle({ client: pool, schema: pgSchema }) }));
    } finally {
      await pool.end();
    }

    const upgraded = await openPostgres(postgres.database.url);
    try {
      expect(await ratingsOnRows(sqlOn({ kind: 'postgres', db: upgraded.db }))).toEqual(EXPECTED);
    } finally {
      await upgraded.close();
    }
  });
});
