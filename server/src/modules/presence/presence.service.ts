import { z } from 'zod';
import { InMemoryDirectory, type NodeDirectory } from '../../realtime/node-directory.ts';

export interface PresenceHooks {
  /** The agent's status may have changed (first socket arrived, or the grace period ran out). */
  changed(agentId: string, siteId: string): void;
  /** The last socket left and the grace period passed: the agent is offline now. */
  wentOffline(agentId: string, siteId: string): void;
}

/** How many consoles an agent has open on one node, as the cluster's directory holds it. */
export const AgentConsoles = z.object({ consoles: z.number().int().min(1) });
export type AgentConsoles = z.infer<typeof AgentConsoles>;

/**
 * Which agents have a console open. An agent with several tabs counts once;
 * when the last tab goes, the agent stays "online" for a grace period so a
 * reload loses nothing, but gets no new chats meanwhile.
 *
 * This node's consoles are counted here and written to the cluster's
 * directory (in memory when alone), so every node sees every agent's
 * consoles. When an agent's last console anywhere goes (closed, or its node
 * died and its lease ran out), every node starts the grace period, and every
 * node tells the hooks when it ends: what they do (requeue, tell the team)
 * must be idempotent, and it is (routing requeues under its lock only what
 * is still assigned, and a repeated status is not written again), so no
 * node has to be elected and a dead node's agents are never forgotten.
 */
export class PresenceService {
  private readonly sockets = new Map<string, number>();
  private readonly grace = new Map<string, NodeJS.Timeout>();
  private hooks: PresenceHooks | null = null;
  private readonly stopListening: () => void;

  constructor(
    private readonly graceMs: number,
    private readonly directory: NodeDirectory<AgentConsoles> = new InMemoryDirectory('solo'),
  ) {
    // Another node's consoles came or went: an agent back elsewhere ends the grace period here,
    // and an agent whose last console went elsewhere (or whose node died) starts it.
    this.stopListening = directory.onOthersChanged((siteId, agentId) => {
      if (directory.holds(siteId, agentId)) this.stopGrace(agentId);
      else if (!this.grace.has(agentId)) this.startGrace(agentId, siteId);
    });
  }

  listen(hooks: PresenceHooks): void {
    this.hooks = hooks;
  }

  socketConnected(agentId: string, siteId: string): void {
    const count = (this.sockets.get(agentId) ?? 0) + 1;
    const elsewhere = this.isConnected(agentId, siteId);
    this.sockets.set(agentId, count);
    this.directory.put(siteId, agentId, { consoles: count });
    this.stopGrace(agentId);
    // The node where the agent's first console arrives tells everyone; one already online elsewhere changed nothing.
    if (count === 1 && !elsewhere) this.hooks?.changed(agentId, siteId);
  }

  socketDisconnected(agentId: string, siteId: string): void {
    const count = (this.sockets.get(agentId) ?? 1) - 1;
    if (count > 0) {
      this.sockets.set(agentId, count);
      this.directory.put(siteId, agentId, { consoles: count });
      return;
    }
    this.sockets.delete(agentId);
    this.directory.remove(siteId, agentId);
    if (!this.directory.holds(siteId, agentId)) this.startGrace(agentId, siteId);
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
      // Back on another node meanwhile (a node that started after the agent did expects them back too).
      if (this.directory.holds(siteId, agentId)) return;
      this.hooks?.wentOffline(agentId, siteId);
      this.hooks?.changed(agentId, siteId);
    }, this.graceMs);
    timer.unref();
    this.grace.set(agentId, timer);
  }

  private stopGrace(agentId: string): void {
    const pending = this.grace.get(agentId);
    if (!pending) return;
    clearTimeout(pending);
    this.grace.delete(agentId);
  }

  /** Has at least one console open right now, on any node. */
  isConnected(agentId: string, siteId: string): boolean {
    return this.sockets.has(agentId) || this.directory.holds(siteId, agentId);
  }

  /** Connected, or gone for less than the grace period. */
  isPresent(agentId: string, siteId: string): boolean {
    return this.isConnected(agentId, siteId) || this.grace.has(agentId);
  }

  close(): void {
    this.stopListening();
    for (const timer of this.grace.values()) clearTimeout(timer);
    this.grace.clear();
  }
}
