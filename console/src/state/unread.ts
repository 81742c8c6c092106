import type { ConversationLog } from './log.ts';

/** Visitor messages after the last seq the agent has seen on screen. */
export function countUnread(log: ConversationLog, viewedSeq: number): number {
  let unread = 0;
  for (const event of log) {
    if (event.seq > viewedSeq && event.type === 'message' && event.author.kind === 'visitor') unread += 1;
  }
  return unread;
}
