// A cluster run has its agents on other nodes than the shoppers. Routing
// should give each new conversation to one of them; what it did not give,
// the run has an agent take (as one takes a waiting chat from the queue),
// so the message path across nodes is still measured, and the run fails.
import type { Socket } from 'socket.io-client';
import { inBatches } from './clients.ts';

export interface Assignment {
  opened: number;
  /** Already assigned when its agent asked: routing placed it. */
  routed: number;
  /** Unassigned until the bench's agent took it. */
  taken: number;
  /** Neither: the take was refused for another reason, or the conversation never opened. */
  refused: number;
  /** The first refusal's words. */
  refusal?: string;
}

type TakeAck = { ok: boolean; error?: { message: string } };

/** Conversation `i` goes to agent `i % agents.length`, as the bench spreads them. */
export async function takeUnassigned(agents: Socket[], conversationIds: Array<string | undefined>): Promise<Assignment> {
  const counts: Assignment = { opened: conversationIds.length, routed: 0, taken: 0, refused: 0 };
  await inBatches(conversationIds.length, 50, async (i) => {
    const conversationId = conversationIds[i];
    const ack: TakeAck = conversationId
      ? await agents[i % agents.length]!.timeout(30_000)
          .emitWithAck('conversation:take', { conversationId })
          .catch((error: Error) => ({ ok: false, error: { message: error.message } }))
      : { ok: false, error: { message: 'the conversation did not open' } };
    if (ack.ok) counts.taken += 1;
    else if (ack.error?.message.includes('taken')) counts.routed += 1;
    else {
      counts.refused += 1;
      counts.refusal ??= ack.error?.message;
    }
  });
  return counts;
}
