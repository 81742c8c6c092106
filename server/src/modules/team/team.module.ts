import type { Db } from '../../db/client.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { AgentStatusLog } from './status-log.ts';
import { StatusLogRepository } from './status-log.repository.ts';

/** Each agent's status changes, for the reports' online and away time; started before anyone's status can change. */
export async function createStatusLogModule(deps: { db: Db; groupCommit: GroupCommit; log: (err: unknown) => void }) {
  const statusLogRepo = new StatusLogRepository(deps.db);
  const statusLog = new AgentStatusLog(statusLogRepo, deps.groupCommit, deps.log);
  await statusLog.start();
  return {
    statusLog,
    changesIn: (siteId: string, from: number, to: number, agentId?: string) => statusLogRepo.changesIn(siteId, from, to, agentId),
  };
}
