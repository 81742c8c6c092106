export interface AgentLoad {
  agentId: string;
  capacity: number;
  load: number;
}

/**
 * Picks who gets the next conversation: the agent with the most free
 * capacity; among equals, the one assigned longest ago (round robin).
 * Agents at capacity are never picked. Pure, so it is tested alone.
 */
export function pickAgent(agents: readonly AgentLoad[], lastAssignedAt: ReadonlyMap<string, number>): string | null {
  let best: AgentLoad | null = null;
  for (const agent of agents) {
    if (agent.load >= agent.capacity) continue;
    if (!best || ranksBefore(agent, best, lastAssignedAt)) best = agent;
  }
  return best?.agentId ?? null;
}

function ranksBefore(a: AgentLoad, b: AgentLoad, lastAssignedAt: ReadonlyMap<string, number>): boolean {
  const freeA = a.capacity - a.load;
  const freeB = b.capacity - b.load;
  if (freeA !== freeB) return freeA > freeB;
  const lastA = lastAssignedAt.get(a.agentId) ?? -1;
  const lastB = lastAssignedAt.get(b.agentId) ?? -1;
  if (lastA !== lastB) return lastA < lastB;
  return a.agentId < b.agentId;
}

/** A visitor's wait: its place in line, spread over the room agents have, at the recent pace. */
export function estimateWaitSeconds(position: number, freeingSlots: number, averageChatSeconds: number): number {
  return Math.round((position * averageChatSeconds) / Math.max(1, freeingSlots));
}
