import { z } from 'zod';
import { Id, Seq } from './common.ts';

/**
 * Read receipts. Each side keeps one watermark per conversation, stored by
 * the server in the sequence of the side that reads it back, so neither
 * client ever translates: the console compares the visitor's mark with the
 * seqs of its log, the widget compares the agents' mark with the seqs of its own.
 */

/** "I have seen everything up to this seq of my log" (the widget: the visitor's seq; the console: the agents' seq). */
export const MarkRead = z.object({ conversationId: Id, seq: Seq });
export type MarkRead = z.infer<typeof MarkRead>;

/** Told to the agents of a conversation: the visitor has seen their log up to `visitorReadSeq` (a seq of the agents' log). */
export const VisitorReadChanged = z.object({ conversationId: Id, visitorReadSeq: Seq });
export type VisitorReadChanged = z.infer<typeof VisitorReadChanged>;

/** Told to the visitor: an agent in the chat has read up to `agentReadSeq` (a seq of the visitor's log). */
export const AgentReadChanged = z.object({ conversationId: Id, agentReadSeq: Seq });
export type AgentReadChanged = z.infer<typeof AgentReadChanged>;
