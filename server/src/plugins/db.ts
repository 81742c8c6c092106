import fp from 'fastify-plugin';
import { openDatabase, type Db, type OpenedDatabase } from '../db/client.ts';
import { BackgroundCheckpointer } from '../db/checkpointer.ts';
import { type Committer, committerFor } from '../db/committer.ts';
import type { Engine } from '../db/engine.ts';
import { GroupCommit } from '../db/group-commit.ts';
import { openPostgres } from '../db/pg/client.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The database every module runs on: embedded SQLite (the default) or PostgreSQL (DATABASE_URL). */
    engine: Engine;
    /** One committed step across modules, on the engine. */
    committer: Committer;
    /** Whether the database answers a trivial query (health probes). */
    databaseUp(): Promise<boolean>;
    /** SQLite only (undefined on PostgreSQL): its drizzle handle, connection and group commit. */
    db: Db;
    sqlite: OpenedDatabase['sqlite'];
    groupCommit: GroupCommit | undefined;
  }
}

export interface DbPluginOptions {
  file: string;
  /** PostgreSQL instead of the file, when set (cluster mode). */
  databaseUrl: string | null;
  /** See Config.groupCommitIntervalMs. */
  groupCommitIntervalMs: number;
}

/** Opens and migrates the database, and closes it last when the app closes. */
export const dbPlugin = fp<DbPluginOptions>(
  async (app, options) => {
    if (options.databaseUrl) await openPostgresEngine(app, options.databaseUrl);
    else await openSqliteEngine(app, options);
  },
  { name: 'db', fastify: '5.x' },
);

async function openSqliteEngine(app: Parameters<typeof dbPlugin>[0], { file, groupCommitIntervalMs }: DbPluginOptions): Promise<void> {
  const { db, sqlite } = openDatabase(file);
  const checkpointer = await BackgroundCheckpointer.start(sqlite, file);
  const groupCommit = new GroupCommit(sqlite, groupCommitIntervalMs);
  const engine: Engine = { kind: 'sqlite', db };
  app.decorate('engine', engine);
  app.decorate('committer', committerFor(engine, groupCommit));
  app.decorate('db', db);
  app.decorate('sqlite', sqlite);
  app.decorate('groupCommit', groupCommit);
  app.decorate('databaseUp', async () => {
    try {
      return sqlite.prepare('SELECT 1').pluck().get() === 1;
    } catch {
      return false;
    }
  });
  app.addHook('onClose', async () => {
    // Let writes queued in this turn reach the disk before closing.
    await groupCommit.run(() => undefined);
    await checkpointer.close();
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.close();
  });
}

/**
 * PostgreSQL: migrated under an advisory lock (several nodes may start at
 * once), committed steps batched by its group commit (pg-group-commit.ts).
 * The URL is never logged: it may carry a password.
 */
async function openPostgresEngine(app: Parameters<typeof dbPlugin>[0], url: string): Promise<void> {
  const opened = await openPostgres(url, (error) => app.log.warn({ err: { message: error.message } }, 'a PostgreSQL connection dropped'));
  const engine: Engine = { kind: 'postgres', db: opened.db };
  app.decorate('engine', engine);
  app.decorate('committer', committerFor(engine));
  app.decorate('groupCommit', undefined);
  app.decorate('databaseUp', async () => {
    try {
      await opened.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  });
  app.addHook('onClose', async () => opened.close());
}
