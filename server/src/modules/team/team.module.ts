import type { Engine } from '../../db/engine.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { AgentStatusLog } from './status-log.ts';
import type { StatusLogRepository } from './status-log.repository.ts';
import { PgStatusLogRepository } from './status-log.repository.pg.ts';
import { SqliteStatusLogRepository } from './status-log.repository.sqlite.ts';

/** The status log's repository for the engine; on SQLite its appends join the group commit (unused on PostgreSQL). */
export function statusLogRepository(engine: Engine, groupCommit?: GroupCommit): StatusLogRepository {
  if (engine.kind === 'postgres') return new PgStatusLogRepository(engine.db);
  if (!groupCommit) throw new Error('SQLite commits through the group commit');
  return new SqliteStatusLogRepository(engine.db, groupCommit);
}

/** Each agent's status changes, for the reports' online and away time; started before anyone's status can change. */
export async function createStatusLogModule(deps: {
  engine: Engine;
  groupCommit?: GroupCommit | undefined;
  log: (err: unknown) => void;
  /** Other nodes write the log too (cluster mode). */
  shared: boolean;
}) {
  const statusLogRepo = statusLogRepository(deps.engine, deps.groupCommit);
  const statusLog = new AgentStatusLog(statusLogRepo, deps.log, Date.now, deps.shared);
  const leftOpen = await statusLog.start();
  return {
    statusLog,
    /** Agents the log holds online or away whom no console here has claimed (in a cluster): expected back within the grace period. */
    leftOpen,
    changesIn: (siteId: string, from: number, to: number, agentId?: string) => statusLogRepo.changesIn(siteId, from, to, agentId),
  };
}
