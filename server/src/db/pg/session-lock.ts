import pg from 'pg';

/**
 * Runs `step` while this process holds the session-level advisory lock named
 * by `key` on the database at `url`: another process asking for the same
 * key, on any node sharing the database, waits until `step` ends. The lock
 * lives on a connection of its own, opened for it and closed after, so the
 * step may use any pool it likes (a transaction-scoped lock, as
 * `advisoryXactLock` takes, would end with the step's first commit).
 */
export async function underSessionLock<T>(url: string, key: string, step: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  // A cut connection loses the lock; the step goes on, and a listener keeps node-postgres from ending the process over it.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
    return await step();
  } finally {
    // Closing the session releases its locks, even if the unlock was never sent.
    await client.end();
  }
}
