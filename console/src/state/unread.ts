import type { ConversationSummary } from '@mostrador/shared';
import type { ConversationLog } from './log.ts';

/** Visitor messages after the last seq the agent has seen on screen. */
export function countUnread(log: ConversationLog, viewedSeq: number): number {
  let unread = 0;
  for (const event of log) {
    if (event.seq > viewedSeq && event.type === 'message' && event.author.kind === 'visitor') unread += 1;
  }
  return unread;
}

/**
 * A conversation's unread count without fetching its history: exact from
 * the log when it is held; otherwise the summary can only tell that the
 * latest entry is a visitor message the agent has not seen, which counts as
 * one until the log is fetched (when the chat is opened or next speaks).
 * Fetching every history up front would cost an inbox of 1,000 chats its start.
 */
export function unreadOf(summary: ConversationSummary | undefined, log: ConversationLog | undefined, viewedSeq: number): number {
  if (log) return countUnread(log, viewedSeq);
  if (!summary || summary.lastSeq <= viewedSeq) return 0;
  return summary.lastMessage?.authorKind === 'visitor' ? 1 : 0;
}
