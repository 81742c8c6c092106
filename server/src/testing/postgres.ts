import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import { createDatabase, databaseUrl, dropDatabase } from '../db/pg/databases.ts';

/** The test machine's server (trust auth); a test's own database is made on it through its "postgres" database. */
const POSTGRES_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  /** Drops the database, ending any session still connected to it. */
  drop(): Promise<void>;
}

/** A new empty database with a name no other test, file or run shares, so tests may run in parallel. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `mostrador_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await createDatabase(POSTGRES_SERVER, name);
  return { name, url: databaseUrl(POSTGRES_SERVER, name), drop: () => dropDatabase(POSTGRES_SERVER, name) };
}

/**
 * A fresh database for each test of the file, dropped after it; close what
 * the test opened on it first, or its pool sees its sessions cut. Read
 * `database` inside a test only.
 */
export function postgresPerTest() {
  let current: TestDatabase | undefined;
  beforeEach(async () => {
    current = await createTestDatabase();
  });
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });
  return {
    get database(): TestDatabase {
      if (!current) throw new Error('no database: use it inside a test');
      return current;
    },
  };
}
