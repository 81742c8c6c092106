import type { AgentStatus } from '../schemas/agent.ts';
import { toSeconds } from './stats.ts';

/** An agent's status from `at` on, until its next change. */
export interface StatusChange {
  agentId: string;
  status: AgentStatus;
  at: number;
}

/** Seconds an agent spent online (taking chats), away (console open, taking none) and offline in a period. */
export interface AgentTime {
  agentId: string;
  onlineSeconds: number;
  awaySeconds: number;
  offlineSeconds: number;
}

/**
 * Each agent's time per status in [from, to), cut at `now` (the future has
 * no status yet). `changes` holds, per agent, its changes inside the period
 * and the last one before it (the status it entered the period with); an
 * agent with no change before the period counts as offline until its first.
 * Agents with no change at all up to the period's end are left out.
 */
export function agentTimeIn(changes: readonly StatusChange[], from: number, to: number, now: number): AgentTime[] {
  const end = Math.min(to, now);
  const byAgent = new Map<string, StatusChange[]>();
  for (const change of changes) {
    if (change.at >= end) continue;
    const list = byAgent.get(change.agentId);
    if (list) list.push(change);
    else byAgent.set(change.agentId, [change]);
  }
  const result: AgentTime[] = [];
  for (const [agentId, list] of byAgent) {
    list.sort((a, b) => a.at - b.at);
    const millis: Record<AgentStatus, number> = { online: 0, away: 0, offline: 0 };
    let status: AgentStatus = 'offline';
    let since = from;
    for (const change of list) {
      const at = Math.max(change.at, from);
      millis[status] += at - since;
      status = change.status;
      since = at;
    }
    millis[status] += Math.max(0, end - since);
    result.push({
      agentId,
      onlineSeconds: toSeconds(millis.online),
      awaySeconds: toSeconds(millis.away),
      offlineSeconds: toSeconds(millis.offline),
    });
  }
  return result.sort((a, b) => b.onlineSeconds - a.onlineSeconds || a.agentId.localeCompare(b.agentId));
}
