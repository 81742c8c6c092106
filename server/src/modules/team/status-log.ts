import type { AgentStatus } from '@mostrador/shared';
import type { StatusLogRepository } from './status-log.repository.ts';

/**
 * Records each change of an agent's status for the reports (online and away
 * time). Writes are never awaited by the caller: a status change is told to
 * the consoles at once, and a failed write costs a report a stretch of time,
 * never a presence update. On SQLite they go through the group commit.
 */
export class AgentStatusLog {
  /** The last status recorded per agent, so a repeated "changed" writes nothing. */
  readonly #last = new Map<string, AgentStatus>();

  constructor(
    private readonly repo: StatusLogRepository,
    private readonly log: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * At start no console is connected yet: an agent whose last recorded status
   * is not offline (the previous process stopped under it) is offline from now.
   * The time the server was down counts as the status it had: the log cannot know better.
   * Nothing else writes before the app serves, so reading first and writing
   * after (in one batch: the appends of one turn) leaves no gap.
   */
  async start(): Promise<void> {
    const at = this.now();
    const open = await this.repo.notOffline();
    await Promise.all(open.map(({ siteId, agentId }) => this.repo.append(siteId, agentId, 'offline', at)));
  }

  record(siteId: string, agentId: string, status: AgentStatus): void {
    // After `start`, every agent's last recorded status is offline (or there is none), and every later
    // write goes through here: memory knows the rest, so the message path never waits on the database.
    const last = this.#last.get(agentId) ?? 'offline';
    this.#last.set(agentId, status);
    if (last === status) return;
    this.repo.append(siteId, agentId, status, this.now()).catch(this.log);
  }
}
