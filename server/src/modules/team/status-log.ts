import type { AgentStatus } from '@mostrador/shared';
import type { GroupCommit } from '../../db/group-commit.ts';
import type { StatusLogRepository } from './status-log.repository.ts';

/**
 * Records each change of an agent's status for the reports (online and away
 * time). Writes go through the group commit and are never awaited by the
 * caller: a status change is told to the consoles at once, and a failed write
 * costs a report a stretch of time, never a presence update.
 */
export class AgentStatusLog {
  /** The last status recorded per agent, so a repeated "changed" writes nothing. */
  readonly #last = new Map<string, AgentStatus>();

  constructor(
    private readonly repo: StatusLogRepository,
    private readonly groupCommit: GroupCommit,
    private readonly log: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * At start no console is connected yet: an agent whose last recorded status
   * is not offline (the previous process stopped under it) is offline from now.
   * The time the server was down counts as the status it had: the log cannot know better.
   */
  async start(): Promise<void> {
    const at = this.now();
    await this.groupCommit.run(() => {
      for (const { siteId, agentId } of this.repo.notOffline()) this.repo.append(siteId, agentId, 'offline', at);
    });
  }

  record(siteId: string, agentId: string, status: AgentStatus): void {
    const last = this.#last.get(agentId) ?? this.repo.latest(siteId, agentId) ?? 'offline';
    this.#last.set(agentId, status);
    if (last === status) return;
    const at = this.now();
    this.groupCommit.run(() => this.repo.append(siteId, agentId, status, at)).catch(this.log);
  }
}
