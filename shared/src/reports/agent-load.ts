import type { AgentTime } from './agent-time.ts';
import type { ConversationFacts } from './facts.ts';
import { toSeconds } from './stats.ts';

/** How much an agent chatted in a period, beside its time signed in. */
export interface AgentLoad {
  agentId: string;
  /** Seconds of chats held open as assignee, each chat counted: two chats for an hour are two hours. */
  chatSeconds: number;
  /** Chats held at once on average while signed in (online or away): chat time over signed-in time, two decimals; null without signed-in time. */
  concurrency: number | null;
  /** The most chats held at the same instant. */
  peakConcurrency: number;
  /** Chat time over signed-in time × the agent's capacity, in percent with one decimal; null without signed-in time or capacity. */
  utilisation: number | null;
  capacity: number | null;
}

/**
 * Each agent's chat load in [from, min(to, now)): the stretches its
 * conversations (those of the report) were open with it as assignee, cut to
 * the period, against its signed-in time (`time`, from the status log) and
 * its capacity now. Agents with neither chats nor time are left out.
 */
export function agentLoadIn(
  facts: readonly ConversationFacts[],
  time: readonly AgentTime[],
  capacityOf: (agentId: string) => number | null,
  from: number,
  to: number,
  now: number,
): AgentLoad[] {
  const end = Math.min(to, now);
  const edges = new Map<string, [number, number][]>();
  for (const f of facts)
    for (const stretch of f.handled) {
      const start = Math.max(stretch.from, from);
      const stop = Math.min(stretch.to ?? end, end);
      if (stop <= start) continue;
      const list = edges.get(stretch.agentId) ?? [];
      list.push([start, 1], [stop, -1]);
      edges.set(stretch.agentId, list);
    }
  const signedIn = new Map(time.map((row) => [row.agentId, (row.onlineSeconds + row.awaySeconds) * 1000]));
  const agents = new Set([...edges.keys(), ...signedIn.keys()]);
  return [...agents].sort().map((agentId) => {
    const { millis, peak } = sweep(edges.get(agentId) ?? []);
    const present = signedIn.get(agentId) ?? 0;
    const capacity = capacityOf(agentId);
    return {
      agentId,
      chatSeconds: toSeconds(millis),
      concurrency: present > 0 ? Math.round((millis / present) * 100) / 100 : null,
      peakConcurrency: peak,
      utilisation: present > 0 && capacity ? Math.round((millis / (present * capacity)) * 1000) / 10 : null,
      capacity,
    };
  });
}

/** The chat time (the sum of the stretches) and the most at once; an end and a start at the same instant do not overlap. */
function sweep(edges: [number, number][]): { millis: number; peak: number } {
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let peak = 0;
  let millis = 0;
  let last = 0;
  for (const [at, change] of edges) {
    millis += open * (at - last);
    open += change;
    peak = Math.max(peak, open);
    last = at;
  }
  return { millis, peak };
}

/** An agent's row of the report: its time per status and its chat load, most online first. */
export type AgentRow = AgentTime & Omit<AgentLoad, 'agentId'>;

/** The time and load rows joined by agent: an agent with load but no status change has no time, and the other way round. */
export function agentRowsOf(time: readonly AgentTime[], load: readonly AgentLoad[]): AgentRow[] {
  const times = new Map(time.map((row) => [row.agentId, row]));
  const noTime = { onlineSeconds: 0, awaySeconds: 0, offlineSeconds: 0 };
  return load
    .map((row) => ({ ...(times.get(row.agentId) ?? { agentId: row.agentId, ...noTime }), ...row }))
    .sort((a, b) => b.onlineSeconds - a.onlineSeconds || a.agentId.localeCompare(b.agentId));
}
