import type { ConversationStatus, ConversationSummary } from '@mostrador/shared';

export type ConversationsById = Readonly<Record<string, ConversationSummary>>;

/** Newest activity first; ties broken by id so the order never flickers. */
export function compareByActivity(a: ConversationSummary, b: ConversationSummary): number {
  return b.updatedAt - a.updatedAt || b.lastSeq - a.lastSeq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function conversationsWithStatus(conversations: ConversationsById, status: ConversationStatus): ConversationSummary[] {
  return Object.values(conversations)
    .filter((conversation) => conversation.status === status)
    .sort(compareByActivity);
}

/**
 * Keeps whichever summary has seen more of the log. Facts and command answers
 * can arrive in any order, and a late, older summary must not undo a newer one.
 */
export function upsertConversation(conversations: ConversationsById, incoming: ConversationSummary): ConversationsById {
  const held = conversations[incoming.id];
  if (held && held.lastSeq > incoming.lastSeq) return conversations;
  return { ...conversations, [incoming.id]: incoming };
}

/**
 * Replaces the inbox with freshly listed conversations, keeping any held one
 * the lists no longer mention when `keep` says it is still in use (say, the
 * one on screen), and the newer of the two where both know a conversation.
 */
export function replaceConversations(
  held: ConversationsById,
  listed: readonly ConversationSummary[],
  keep: (id: string) => boolean,
): ConversationsById {
  let next: ConversationsById = {};
  for (const conversation of listed) next = upsertConversation(next, conversation);
  for (const conversation of Object.values(held)) {
    if (conversation.id in next || keep(conversation.id)) next = upsertConversation(next, conversation);
  }
  return next;
}
