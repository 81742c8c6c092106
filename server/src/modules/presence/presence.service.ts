export interface PresenceHooks {
  /** The agent's status may have changed (first socket arrived, or the grace period ran out). */
  changed(agentId: string, siteId: string): void;
  /** The last socket left and the grace period passed: the agent is offline now. */
  wentOffline(agentId: string, siteId: string): void;
}

/**
 * Which agents have a console open. An agent with several tabs counts once;
 * when the last tab goes, the agent stays "online" for a grace period so a
 * reload loses nothing, but gets no new chats meanwhile. Kept in memory:
 * presence is a property of this process's sockets.
 */
export class PresenceService {
  private readonly sockets = new Map<string, number>();
  private readonly grace = new Map<string, NodeJS.Timeout>();
  private hooks: PresenceHooks | null = null;

  constructor(private readonly graceMs: number) {}

  listen(hooks: PresenceHooks): void {
    this.hooks = hooks;
  }

  socketConnected(agentId: string, siteId: string): void {
    const count = (this.sockets.get(agentId) ?? 0) + 1;
    this.sockets.set(agentId, count);
    const pending = this.grace.get(agentId);
    if (pending) {
      clearTimeout(pending);
      this.grace.delete(agentId);
    }
    if (count === 1) this.hooks?.changed(agentId, siteId);
  }

  socketDisconnected(agentId: string, siteId: string): void {
    const count = (this.sockets.get(agentId) ?? 1) - 1;
    if (count > 0) {
      this.sockets.set(agentId, count);
      return;
    }
    this.sockets.delete(agentId);
    this.startGrace(agentId, siteId);
  }

  /**
   * After a restart nobody is connected yet: agents who had chats get the
   * same grace period to come back as if their sockets had just dropped.
   */
  expectBack(agentId: string, siteId: string): void {
    if (!this.sockets.has(agentId) && !this.grace.has(agentId)) this.startGrace(agentId, siteId);
  }

  private startGrace(agentId: string, siteId: string): void {
    const timer = setTimeout(() => {
      this.grace.delete(agentId);
      this.hooks?.wentOffline(agentId, siteId);
      this.hooks?.changed(agentId, siteId);
    }, this.graceMs);
    timer.unref();
    this.grace.set(agentId, timer);
  }

  /** Has at least one console open right now. */
  isConnected(agentId: string): boolean {
    return this.sockets.has(agentId);
  }

  /** Connected, or gone for less than the grace period. */
  isPresent(agentId: string): boolean {
    return this.sockets.has(agentId) || this.grace.has(agentId);
  }

  close(): void {
    for (const timer of this.grace.values()) clearTimeout(timer);
    this.grace.clear();
  }
}
