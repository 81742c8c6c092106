import type { Db } from './client.ts';
import type { PgDb } from './pg/client.ts';

/**
 * The database a module's repository runs on: embedded SQLite (the default,
 * synchronous under the group commit) or PostgreSQL (cluster mode). A
 * module picks its repository's implementation from it once, when it is
 * created; its service sees only the repository's interface.
 */
export type Engine = { kind: 'sqlite'; db: Db } | { kind: 'postgres'; db: PgDb };
