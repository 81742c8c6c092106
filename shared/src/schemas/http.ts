import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from '../limits.ts';
import { ErrorBody } from '../result.ts';
import { AgentProfile } from './agent.ts';
import { ActiveState, ConversationEvent, ConversationSummary } from './conversation.ts';
import { Id, Seq, Timestamp } from './common.ts';

export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(MAX_MESSAGE_CHARS),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const AgentResponse = z.object({ agent: AgentProfile });
export type AgentResponse = z.infer<typeof AgentResponse>;

export const INBOX_VIEWS = ['mine', 'queue', 'all', 'tickets', 'closed'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
/**
 * mine: assigned to me or joined as a guest; queue: waiting in my departments
 * (all departments for an admin); all: every open conversation (admins);
 * tickets: open and pending conversations whose visitor is not on the site,
 * longest waiting first; closed: resolved conversations I may read.
 * `state` narrows an active list to open, pending or snoozed conversations.
 */
export const ConversationListQuery = z.object({
  view: z.enum(INBOX_VIEWS).default('mine'),
  state: ActiveState.optional(),
});

/** When a snoozed conversation comes back: a preset (in the site's time zone) or a time. */
export const SNOOZE_PRESETS = ['hour', 'tomorrow', 'next-week'] as const;
export const SnoozeUntil = z.union([z.object({ preset: z.enum(SNOOZE_PRESETS) }), z.object({ at: Timestamp })]);
export type SnoozeUntil = z.infer<typeof SnoozeUntil>;
/** An agent sets an active conversation open, pending (waiting on the customer) or snoozed. */
export const SetConversationState = z.discriminatedUnion('state', [
  z.object({ conversationId: Id, state: z.literal('open') }),
  z.object({ conversationId: Id, state: z.literal('pending') }),
  z.object({ conversationId: Id, state: z.literal('snoozed'), until: SnoozeUntil }),
]);
export type SetConversationState = z.infer<typeof SetConversationState>;

/** Missed chats per day in the site's time zone: shoppers who left while queued, and how many became tickets. */
/** Both dates inclusive; by default the 30 days ending today. */
export const MissedChatsQuery = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export const MissedChatsReport = z.object({
  timeZone: z.string(),
  /** `ticketed`: of those missed, how many wait as tickets (the shop can reach them, or nobody could answer). */
  days: z.array(z.object({ date: z.string(), missed: z.number().int().min(0), ticketed: z.number().int().min(0) })),
});
export type MissedChatsReport = z.infer<typeof MissedChatsReport>;

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
