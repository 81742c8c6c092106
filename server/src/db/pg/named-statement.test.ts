import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresPerTest } from '../../testing/postgres.ts';
import { advisoryXactLock } from './advisory-lock.ts';
import { openPostgres, type OpenedPostgres } from './client.ts';
import { namedStatement, tableRow } from './named-statement.ts';
import { sites } from './schema/index.ts';

const postgres = postgresPerTest();
const opened: OpenedPostgres[] = [];

/** The test's database; with `max` 1, every statement meets the same session. */
async function open(max?: number): Promise<OpenedPostgres> {
  const database = await openPostgres(postgres.database.url);
  opened.push(database);
  if (max) (database.pool.options as pg.PoolConfig).max = max;
  return database;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((database) => database.close()));
});

const site = (id: string) => ({ id, key: `key-${id}`, name: `Shop ${id}`, allowedOrigins: ['self'], createdAt: 2 ** 40 });

describe('named statements', () => {
  it('decode rows as drizzle would, and run on the pool and in a transaction, again after one rolled back', async () => {
    const { db } = await open(1);
    const byId = namedStatement(
      'test_site_by_id',
      db
        .select()
        .from(sites)
        .where(eq(sites.id, sql.placeholder('id')))
        .toSQL(),
      tableRow(sites),
    );
    await db.insert(sites).values(site('s1'));
    const [drizzles] = await db.select().from(sites).where(eq(sites.id, 's1'));
    // First parsed inside a transaction that then rolls back: the session keeps the statement.
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(sites).values(site('s2'));
        expect(await byId(tx, { id: 's2' })).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await byId(db, { id: 's1' })).toEqual([drizzles]);
    expect((await byId(db, { id: 's1' }))[0]?.createdAt).toBe(2 ** 40);
    expect(await byId(db, { id: 's2' })).toEqual([]);
  });
});

describe('advisoryXactLock', () => {
  it('makes a second transaction on the same key wait until the first commits, and lets another key pass', async () => {
    const { db } = await open();
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const firstHolds = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const first = db.transaction(async (tx) => {
      await advisoryXactLock(tx, 'key-a');
      locked();
      await held;
      order.push('first commits');
    });
    await firstHolds;
    const second = db.transaction(async (tx) => {
      await advisoryXactLock(tx, 'key-a');
      order.push('second locked');
    });
    await db.transaction(async (tx) => {
      await advisoryXactLock(tx, 'key-b');
      order.push('other key locked');
    });
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['other key locked', 'first commits', 'second locked']);
  });
});
