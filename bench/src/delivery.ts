// The correctness half of a PostgreSQL or cluster run: every message a
// visitor had acknowledged must reach its conversation's agent, once.
import { setTimeout as sleep } from 'node:timers/promises';

export interface DeliveryCounts {
  acked: number;
  /** Acknowledged, and seen by no agent. */
  lost: number;
  /** Seen more than once, by one agent or several. */
  duplicated: number;
  /** Seen by an agent who is not the conversation's assignee. */
  misrouted: number;
}

/** What the generator's visitors had acknowledged, and what its agents saw, of the messages whose client ids start with `prefix`. */
export class DeliveryLedger {
  readonly #acked = new Set<string>();
  readonly #seen = new Map<string, number>();
  #misrouted = 0;

  constructor(readonly prefix: string) {}

  acked(clientId: string): void {
    this.#acked.add(clientId);
  }

  /** An agent named `agentName` got `clientId` in a conversation assigned to `assigneeName`. */
  seen(clientId: string, agentName: string, assigneeName: string | undefined): void {
    if (!clientId.startsWith(this.prefix)) return;
    this.#seen.set(clientId, (this.#seen.get(clientId) ?? 0) + 1);
    if (assigneeName !== agentName) this.#misrouted += 1;
  }

  counts(): DeliveryCounts {
    let lost = 0;
    for (const clientId of this.#acked) if (!this.#seen.has(clientId)) lost += 1;
    let duplicated = 0;
    for (const times of this.#seen.values()) if (times > 1) duplicated += 1;
    return { acked: this.#acked.size, lost, duplicated, misrouted: this.#misrouted };
  }

  /** Waits until no send is in flight and every acknowledged message was seen, or `timeoutMs`. */
  async settled(inFlight: () => number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((inFlight() > 0 || this.counts().lost > 0) && Date.now() < deadline) await sleep(50);
  }

  /** The counts, half a second after the run settled: a late duplicate is counted too. */
  async finalCounts(): Promise<DeliveryCounts> {
    await sleep(500);
    return this.counts();
  }
}

/** A message fact as an agent's socket gets it: what the ledger reads of it. */
export interface SeenMessage {
  event: { type: string; clientId?: string; body?: string };
  conversation?: { assignee: { name: string } | null };
}

/** Records an agent's message facts in the ledger (the agents of the bench are named "Agent <index>"). */
export function recordSeen(ledger: DeliveryLedger, agentIndex: number, fact: SeenMessage): void {
  if (fact.event.type !== 'message' || !fact.event.clientId) return;
  ledger.seen(fact.event.clientId, `Agent ${agentIndex}`, fact.conversation?.assignee?.name);
}
