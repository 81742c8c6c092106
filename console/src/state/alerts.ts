import type { ConversationEvent, ConversationSummary, LowRating, MentionCreated } from '@mostrador/shared';
import { isParticipant, isQueuedForMe, type Me } from './views.ts';

/** Something worth a sound, a desktop notification and an announcement. */
export type Alert =
  | { kind: 'queued'; conversation: ConversationSummary; reminder: boolean }
  | { kind: 'message'; conversation: ConversationSummary; body: string; inFocus: boolean }
  /** A colleague mentioned the agent in a note, in a conversation the agent may not be in. */
  | ({ kind: 'mention' } & MentionCreated)
  /** Admins: a shopper rated a chat 1 or 2. */
  | ({ kind: 'lowRating' } & LowRating);

/** A conversation that has just entered the agent's queue (not one already waiting there). */
export function newlyQueued(held: ConversationSummary | undefined, incoming: ConversationSummary, me: Me): boolean {
  return isQueuedForMe(incoming, me) && !(held && isQueuedForMe(held, me));
}

/** A visitor message in a chat the agent takes part in or has open; null for anything else. */
export function messageAlert(
  event: ConversationEvent,
  conversation: ConversationSummary,
  me: Me,
  openIds: readonly string[],
  focusedId: string | null,
): Alert | null {
  if (event.type !== 'message' || event.author.kind !== 'visitor') return null;
  if (!isParticipant(conversation, me) && !openIds.includes(conversation.id)) return null;
  return { kind: 'message', conversation, body: event.body, inFocus: focusedId === conversation.id };
}
