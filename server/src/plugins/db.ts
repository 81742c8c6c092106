import fp from 'fastify-plugin';
import { openDatabase, type Db, type OpenedDatabase } from '../db/client.ts';
import { BackgroundCheckpointer } from '../db/checkpointer.ts';
import { GroupCommit } from '../db/group-commit.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    sqlite: OpenedDatabase['sqlite'];
    groupCommit: GroupCommit;
  }
}

export interface DbPluginOptions {
  file: string;
  /** See Config.groupCommitIntervalMs. */
  groupCommitIntervalMs: number;
}

/** Opens and migrates the database, and closes it last when the app closes. */
export const dbPlugin = fp<DbPluginOptions>(
  async (app, { file, groupCommitIntervalMs }) => {
    const { db, sqlite } = openDatabase(file);
    const checkpointer = await BackgroundCheckpointer.start(sqlite, file);
    app.decorate('db', db);
    app.decorate('sqlite', sqlite);
    app.decorate('groupCommit', new GroupCommit(sqlite, groupCommitIntervalMs));
    app.addHook('onClose', async () => {
      // Let writes queued in this turn reach the disk before closing.
      await app.groupCommit.run(() => undefined);
      await checkpointer.close();
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.close();
    });
  },
  { name: 'db', fastify: '5.x' },
);
