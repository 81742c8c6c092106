import type { AgentStatus } from '@mostrador/shared';
import type { StatusLogRepository } from './status-log.repository.ts';

/**
 * Records each change of an agent's status for the reports (online and away
 * time). Writes are never awaited by the caller: a status change is told to
 * the consoles at once, and a failed write costs a report a stretch of time,
 * never a presence update. On SQLite they go through the group commit.
 *
 * Alone, this process is the only writer and remembers what it wrote. In a
 * cluster (`shared`) other nodes write too: every change is written only if
 * the log's latest status for the agent is another (one conditional step),
 * so the change every node tells when a grace period ends is written once,
 * even for an agent whose node died.
 */
export class AgentStatusLog {
  /** The last status recorded per agent, so a repeated "changed" writes nothing. */
  readonly #last = new Map<string, AgentStatus>();

  constructor(
    private readonly repo: StatusLogRepository,
    private readonly log: (error: unknown) => void,
    private readonly now: () => number = Date.now,
    private readonly shared = false,
  ) {}

  /**
   * At start no console is connected here yet: an agent whose last recorded
   * status is not offline (the previous process stopped under it) is offline
   * from now. The time the server was down counts as the status it had: the
   * log cannot know better. Nothing else writes before the app serves, so
   * reading first and writing after (in one batch: the appends of one turn)
   * leaves no gap. In a cluster those agents may be online on the other
   * nodes: they are returned, for the presence grace period to settle
   * (offline then, if no node has them), and nothing is written.
   */
  async start(): Promise<Array<{ siteId: string; agentId: string }>> {
    const at = this.now();
    const open = await this.repo.notOffline();
    if (this.shared) return open;
    await Promise.all(open.map(({ siteId, agentId }) => this.repo.append(siteId, agentId, 'offline', at)));
    return [];
  }

  record(siteId: string, agentId: string, status: AgentStatus): void {
    // After `start`, every agent's last recorded status is offline (or there is none), and every later
    // write goes through here: memory knows the rest, so the message path never waits on the database.
    if (this.shared) {
      this.repo.appendIfChanged(siteId, agentId, status, this.now()).catch(this.log);
      return;
    }
    const last = this.#last.get(agentId) ?? 'offline';
    this.#last.set(agentId, status);
    if (last === status) return;
    this.repo.append(siteId, agentId, status, this.now()).catch(this.log);
  }
}
