import type { ConversationRow, EventRow, MessageFields } from './conversations.types.ts';

/**
 * A message's event, numbered by the write that just bumped its
 * conversation's counters: the same row on both engines. Its data is null
 * unless the message carries something (a "don't email", files, a product).
 */
export function messageEvent(conversation: ConversationRow, message: MessageFields): EventRow {
  return {
    conversationId: conversation.id,
    seq: conversation.lastSeq,
    visitorSeq: conversation.lastVisitorSeq,
    type: 'message',
    authorKind: message.authorKind,
    authorId: message.authorId,
    authorName: message.authorName,
    clientId: message.clientId,
    body: message.body,
    status: null,
    data:
      message.noEmail || message.attachments || message.product
        ? {
            ...(message.noEmail ? { noEmail: true as const } : {}),
            ...(message.attachments ? { attachments: message.attachments } : {}),
            ...(message.product ? { product: message.product } : {}),
          }
        : null,
    createdAt: message.createdAt,
  };
}
