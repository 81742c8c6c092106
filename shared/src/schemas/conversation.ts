import { z } from 'zod';
import { ClientId, Id, MessageBody, Seq, Timestamp } from './common.ts';

export const CONVERSATION_STATUSES = ['open', 'closed'] as const;
export const ConversationStatus = z.enum(CONVERSATION_STATUSES);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const AUTHOR_KINDS = ['visitor', 'agent', 'system'] as const;
export const Author = z.object({
  kind: z.enum(AUTHOR_KINDS),
  id: Id.nullable(),
  /** Display name; the visitor sees agents' names, agents see the visitor's label. */
  name: z.string().nullable(),
});
export type Author = z.infer<typeof Author>;

const EventBase = {
  conversationId: Id,
  /** Per-conversation sequence number, from 1, with no gaps. */
  seq: Seq,
  author: Author,
  createdAt: Timestamp,
};

export const MessageEvent = z.object({
  ...EventBase,
  type: z.literal('message'),
  clientId: ClientId,
  body: MessageBody,
});
export type MessageEvent = z.infer<typeof MessageEvent>;

export const StatusEvent = z.object({
  ...EventBase,
  type: z.literal('status'),
  status: ConversationStatus,
});
export type StatusEvent = z.infer<typeof StatusEvent>;

/**
 * One entry of a conversation's log. Messages and status changes share one
 * sequence, so a client that resyncs from its last seq gets both, in order.
 */
export const ConversationEvent = z.discriminatedUnion('type', [MessageEvent, StatusEvent]);
export type ConversationEvent = z.infer<typeof ConversationEvent>;

/** What the visitor may know of its own conversation. */
export const VisitorConversation = z.object({
  id: Id,
  status: ConversationStatus,
  lastSeq: Seq,
  createdAt: Timestamp,
});
export type VisitorConversation = z.infer<typeof VisitorConversation>;

export const LastMessage = z.object({
  body: z.string(),
  authorKind: z.enum(AUTHOR_KINDS),
  createdAt: Timestamp,
});

/** A row of the agent's inbox. */
export const ConversationSummary = z.object({
  id: Id,
  visitorId: Id,
  visitorLabel: z.string(),
  status: ConversationStatus,
  lastSeq: Seq,
  lastMessage: LastMessage.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;
