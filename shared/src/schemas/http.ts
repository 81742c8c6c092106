import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from '../limits.ts';
import { ErrorBody } from '../result.ts';
import { AgentProfile } from './agent.ts';
import { Id, Seq } from './common.ts';
import { ConversationEvent, ConversationSummary } from './conversation.ts';

export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(MAX_MESSAGE_CHARS),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const AgentResponse = z.object({ agent: AgentProfile });
export type AgentResponse = z.infer<typeof AgentResponse>;

export const INBOX_VIEWS = ['mine', 'queue', 'all', 'closed'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
/**
 * mine: assigned to me or joined as a guest; queue: waiting in my departments
 * (all departments for an admin); all: every open conversation (admins);
 * closed: closed conversations I may read.
 */
export const ConversationListQuery = z.object({
  view: z.enum(INBOX_VIEWS).default('mine'),
});

export const ConversationList = z.object({
  conversations: z.array(ConversationSummary),
});
export type ConversationList = z.infer<typeof ConversationList>;

export const ConversationParams = z.object({ conversationId: Id });

export const EventsQuery = z.object({
  afterSeq: z.coerce.number().int().min(0).default(0),
});

export const ConversationPage = z.object({
  conversation: ConversationSummary,
  events: z.array(ConversationEvent),
  /** True when more events follow; ask again from the last seq received. */
  hasMore: z.boolean(),
});
export type ConversationPage = z.infer<typeof ConversationPage>;

export const SyncRequest = z.object({
  conversationId: Id,
  afterSeq: Seq,
});

export const ErrorResponse = z.object({ error: ErrorBody });
export type ErrorResponse = z.infer<typeof ErrorResponse>;
