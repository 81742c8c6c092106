import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresPerTest } from '../../testing/postgres.ts';
import { openPostgres, type OpenedPostgres } from './client.ts';
import { PARALLEL_BATCHES, PgGroupCommit } from './pg-group-commit.ts';

const perTest = postgresPerTest();
let opened: OpenedPostgres | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

/** A group commit on the test's database, with a table `t (n int primary key)` to write. */
async function start() {
  opened = await openPostgres(perTest.database.url);
  await opened.pool.query('CREATE TABLE t (n int PRIMARY KEY)');
  const { db } = opened;
  const batches = new PgGroupCommit(db);
  /** A step writing `n`, answering the id of the transaction it ran in. */
  const write = (n: number) =>
    batches.run(async (tx) => {
      await tx.execute(sql`INSERT INTO t (n) VALUES (${n})`);
      const [row] = (await tx.execute(sql`SELECT txid_current()::text AS id`)).rows as Array<{ id: string }>;
      return row!.id;
    });
  /** What another connection sees: committed rows only. */
  const committed = async () => {
    const client = new pg.Client({ connectionString: perTest.database.url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>('SELECT n FROM t ORDER BY n');
    await client.end();
    return rows.map((r) => r.n);
  };
  return { write, committed, batches };
}

describe('the group commit on PostgreSQL', () => {
  it('runs a step at once while a slot is free, and those that queue behind busy slots in one transaction', async () => {
    const { write, committed } = await start();
    // The first ones take the free slots, one transaction each; the next twelve wait and go together in the first slot that frees.
    const count = PARALLEL_BATCHES + 12;
    const ids = await Promise.all(Array.from({ length: count }, (_, i) => write(i + 1)));
    const atOnce = new Set(ids.slice(0, PARALLEL_BATCHES));
    expect(atOnce.size).toBe(PARALLEL_BATCHES);
    const queued = new Set(ids.slice(PARALLEL_BATCHES));
    expect(queued.size).toBe(1);
    expect(atOnce.has([...queued][0]!)).toBe(false);
    expect(await committed()).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  });

  it('settles a step only once its transaction has committed', async () => {
    const { write, committed } = await start();
    await write(7);
    expect(await committed()).toEqual([7]);
  });

  it('fails only the failing step of a batch: the others run again alone and commit', async () => {
    const { write, committed, batches } = await start();
    // Fill the slots so that the next five queue into one batch; the third of those breaks the primary key.
    const busy = Array.from({ length: PARALLEL_BATCHES }, (_, i) => write(100 + i));
    const batch = [write(1), write(2), write(100), write(3), batches.run(async () => Promise.reject(new Error('not a database error')))];
    const settled = await Promise.allSettled([...busy, ...batch]);
    expect(settled.map((s) => s.status)).toEqual([
      ...busy.map(() => 'fulfilled'),
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    expect(await committed()).toEqual([1, 2, 3, ...busy.map((_, i) => 100 + i)]);
  });
});
