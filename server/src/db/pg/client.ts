import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index.ts';

/** The drizzle database over PostgreSQL, with the pool under it. */
export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

/** drizzle-kit's output for drizzle.pg.config.ts (pnpm db:generate:pg). */
export const PG_MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'drizzle-pg');

/**
 * The advisory lock the nodes of a cluster take to migrate one at a time:
 * "most" in ASCII. Advisory locks are per database, so only nodes sharing
 * this database wait on each other.
 */
const MIGRATION_LOCK = 0x6d6f7374;

export interface OpenedPostgres {
  db: PgDb;
  pool: pg.Pool;
  /** Ends the pool's connections; waits for the queries under way. */
  close(): Promise<void>;
}

/**
 * Connects to PostgreSQL and brings its schema up to date before anything
 * else. Several nodes may start at once: each migrates under the same lock,
 * so the first applies what is missing and the others find nothing left.
 */
export async function openPostgres(url: string, onIdleError: (error: Error) => void = () => undefined): Promise<OpenedPostgres> {
  const pool = new pg.Pool({ connectionString: url });
  // An idle connection the server cuts (a restart, a failover, the database dropped) is replaced by the
  // next query; without a listener, node-postgres would take that 'error' event down with the process.
  pool.on('error', onIdleError);
  try {
    await migrateUnderLock(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = drizzle({ client: pool, schema });
  return { db, pool, close: () => pool.end() };
}

/**
 * drizzle's migrator alone is not safe to run twice at once: both runs see
 * the same last migration, and the slower fails on what the faster just
 * created (drizzle's own table first). It runs here on one dedicated
 * connection that holds the lock, so its transaction and the lock share a session.
 */
async function migrateUnderLock(pool: pg.Pool): Promise<void> {
  const connection = await pool.connect();
  let failed = false;
  try {
    await connection.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client: connection }), { migrationsFolder: PG_MIGRATIONS_DIR });
    } finally {
      await connection.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // After a failure the session may still hold the lock or an aborted transaction: close it rather than pool it.
    connection.release(failed);
  }
}
