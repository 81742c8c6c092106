import { sql } from 'drizzle-orm';
import type { PgTx } from '../committer.ts';

/**
 * Takes a transaction-scoped advisory lock named by `key`, held until the
 * transaction ends: another transaction asking for the same key, on any
 * node sharing the database, waits until then. The key is hashed to 64 bits
 * (`hashtextextended`), so two different keys practically never share a lock.
 */
export async function advisoryXactLock(db: PgTx, key: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}
