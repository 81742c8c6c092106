import { z } from 'zod';
import { AgentAvailability, AgentSummary, Department } from '../schemas/agent.ts';
import { AttachmentIds } from '../schemas/attachments.ts';
import { ClientId, hasContent, Id, MessageBody, MessageText } from '../schemas/common.ts';
import { ConversationEvent, ConversationSummary, MessageEvent, ProductRef, ProductSearch, ProductsFound } from '../schemas/conversation.ts';
import { ConversationList, ConversationListQuery, ConversationPage, SetConversationState, SyncRequest } from '../schemas/http.ts';
import { LiveVisitor, VisitorProfile } from '../schemas/visitor.ts';
import { MarkRead, VisitorReadChanged } from '../schemas/receipts.ts';
import { AddNote, ConversationRetagged, MentionCreated, TagConversation } from '../schemas/toolbox.ts';
import { RatingInfo } from '../schemas/feedback.ts';
import { LiveFigures, LiveWatch } from '../schemas/live.ts';
import { MAX_MESSAGE_CHARS } from '../limits.ts';
import type { Command, CommandSchemas, Fact, FactSchemas } from './contract.ts';

export const AgentSendMessage = z
  .object({
    conversationId: Id,
    clientId: ClientId,
    /** May be empty when `attachments` or `product` is set. */
    body: MessageText,
    /** Files uploaded first (`POST /api/attachments`), sent with this message. */
    attachments: AttachmentIds.optional(),
    /** A product of the visitor's trail, shown as a card; unknown to the trail: not found. */
    product: ProductRef.optional(),
    /** Never email this message to a shopper who is away (it still shows in the chat). */
    noEmail: z.boolean().optional(),
  })
  .refine(hasContent, { message: 'A message needs words, files or a product' });
export const AgentSetTyping = z.object({ conversationId: Id, typing: z.boolean() });
export const ConversationRef = z.object({ conversationId: Id });
export const VisitorRef = z.object({ visitorId: Id });

/** A proactive chat: the agent writes first to a visitor on the site. */
export const StartConversation = z.object({ visitorId: Id, clientId: ClientId, body: MessageBody });

export const LiveVisitorList = z.object({ visitors: z.array(LiveVisitor) });
export type LiveVisitorList = z.infer<typeof LiveVisitorList>;
/** Changes to the live list since the last fact, folded together (at most about one fact a second). */
export const VisitorsChanged = z.object({ updated: z.array(LiveVisitor), left: z.array(Id) });
export type VisitorsChanged = z.infer<typeof VisitorsChanged>;
export const VisitorChanged = z.object({ profile: VisitorProfile });
export type VisitorChanged = z.infer<typeof VisitorChanged>;

export const TRANSFER_NOTE_MAX = 1000;
export const TransferRequest = z.object({
  conversationId: Id,
  to: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('agent'), agentId: Id }),
    z.object({ kind: z.literal('department'), departmentId: Id }),
  ]),
  /** Internal: only agents ever read it. */
  note: z.string().trim().max(TRANSFER_NOTE_MAX).optional(),
});
export const InviteRequest = z.object({ conversationId: Id, agentId: Id });
export const SetPresence = z.object({ status: AgentAvailability });

export const AgentConversationChanged = z.object({
  event: ConversationEvent,
  conversation: ConversationSummary,
});
export type AgentConversationChanged = z.infer<typeof AgentConversationChanged>;

export const AgentMessageSent = z.object({ event: MessageEvent, conversation: ConversationSummary });

export const ConversationCreated = z.object({ conversation: ConversationSummary });
/** A conversation's summary changed with no event in its log (its visitor left the site or came back). */
export const ConversationUpdated = z.object({ conversation: ConversationSummary });
export type ConversationUpdated = z.infer<typeof ConversationUpdated>;
export type ConversationCreated = z.infer<typeof ConversationCreated>;

/** Someone in the conversation is typing: the visitor (agent null) or a colleague (collision). */
export const TypingChanged = z.object({
  conversationId: Id,
  typing: z.boolean(),
  agent: z.object({ id: Id, name: z.string() }).nullable(),
  /** The visitor's draft (typing preview), when the site allows it; null otherwise or once cleared. */
  draft: z.string().max(MAX_MESSAGE_CHARS).nullable(),
});
export type TypingChanged = z.infer<typeof TypingChanged>;

export const Team = z.object({ agents: z.array(AgentSummary), departments: z.array(Department) });
export type Team = z.infer<typeof Team>;

export const PresenceChanged = z.object({ agent: AgentSummary });

/** A visitor's data was erased: consoles drop these conversations (ids only, nothing about the person). */
export const ConversationsErased = z.object({ conversationIds: z.array(Id) });
export type ConversationsErased = z.infer<typeof ConversationsErased>;
export type PresenceChanged = z.infer<typeof PresenceChanged>;

/** The shopper rated a conversation: everyone who sees it hears, with its summary carrying the rating. */
export const ConversationRated = z.object({ conversation: ConversationSummary, rating: RatingInfo });
export type ConversationRated = z.infer<typeof ConversationRated>;
/** A low rating (1–2): the site's admins are told at once, to follow it up. */
export const LowRating = z.object({ conversationId: Id, visitorLabel: z.string(), rating: RatingInfo });
export type LowRating = z.infer<typeof LowRating>;

/** Commands the console sends to the `/agent` namespace. */
export interface AgentClientEvents {
  'conversation:list': Command<z.input<typeof ConversationListQuery>, ConversationList>;
  'conversation:sync': Command<z.infer<typeof SyncRequest>, ConversationPage>;
  'message:send': Command<z.infer<typeof AgentSendMessage>, z.infer<typeof AgentMessageSent>>;
  'typing:set': Command<z.infer<typeof AgentSetTyping>, null>;
  'conversation:close': Command<z.infer<typeof ConversationRef>, AgentConversationChanged>;
  'conversation:status': Command<z.infer<typeof SetConversationState>, AgentConversationChanged>;
  'conversation:take': Command<z.infer<typeof ConversationRef>, AgentConversationChanged>;
  'conversation:transfer': Command<z.input<typeof TransferRequest>, AgentConversationChanged>;
  'conversation:invite': Command<z.infer<typeof InviteRequest>, AgentConversationChanged>;
  'conversation:leave': Command<z.infer<typeof ConversationRef>, AgentConversationChanged>;
  'presence:set': Command<z.infer<typeof SetPresence>, AgentSummary>;
  'team:list': Command<Record<string, never>, Team>;
  'conversation:start': Command<z.infer<typeof StartConversation>, z.infer<typeof AgentMessageSent>>;
  'visitors:watch': Command<Record<string, never>, LiveVisitorList>;
  'visitors:unwatch': Command<Record<string, never>, null>;
  /** Admins only: the Reports page's live figures now, for the filter asked (replacing the socket's earlier one), then `live:changed` whenever they change. */
  'live:watch': Command<z.input<typeof LiveWatch>, LiveFigures>;
  'live:unwatch': Command<Record<string, never>, null>;
  'visitor:follow': Command<z.infer<typeof VisitorRef>, VisitorProfile>;
  'visitor:unfollow': Command<z.infer<typeof VisitorRef>, null>;
  /** The products the site's pages have shown, by name or SKU: a card for one the shopper has not viewed. */
  'products:search': Command<z.input<typeof ProductSearch>, ProductsFound>;
  'note:add': Command<z.input<typeof AddNote>, AgentConversationChanged>;
  'conversation:tag': Command<z.input<typeof TagConversation>, ConversationRetagged>;
  /** Read receipt: the agent has read the conversation's log up to `seq`, shown to the visitor. */
  'read:mark': Command<MarkRead, null>;
}

/** Facts the server tells the console. */
export interface AgentServerEvents {
  'conversation:created': Fact<ConversationCreated>;
  'message:created': Fact<AgentConversationChanged>;
  'conversation:changed': Fact<AgentConversationChanged>;
  'conversation:updated': Fact<ConversationUpdated>;
  'typing:changed': Fact<TypingChanged>;
  'presence:changed': Fact<PresenceChanged>;
  'visitors:changed': Fact<VisitorsChanged>;
  /** To the site's admins watching: the live figures changed (at most about once a second per site). */
  'live:changed': Fact<LiveFigures>;
  'visitor:changed': Fact<VisitorChanged>;
  'mention:created': Fact<MentionCreated>;
  'conversation:retagged': Fact<ConversationRetagged>;
  'conversations:erased': Fact<ConversationsErased>;
  'conversation:rated': Fact<ConversationRated>;
  'rating:low': Fact<LowRating>;
  'read:marked': Fact<VisitorReadChanged>;
}

export const agentCommandSchemas = {
  'conversation:list': { request: ConversationListQuery, response: ConversationList },
  'conversation:sync': { request: SyncRequest, response: ConversationPage },
  'message:send': { request: AgentSendMessage, response: AgentMessageSent },
  'typing:set': { request: AgentSetTyping, response: z.null() },
  'conversation:close': { request: ConversationRef, response: AgentConversationChanged },
  'conversation:status': { request: SetConversationState, response: AgentConversationChanged },
  'conversation:take': { request: ConversationRef, response: AgentConversationChanged },
  'conversation:transfer': { request: TransferRequest, response: AgentConversationChanged },
  'conversation:invite': { request: InviteRequest, response: AgentConversationChanged },
  'conversation:leave': { request: ConversationRef, response: AgentConversationChanged },
  'presence:set': { request: SetPresence, response: AgentSummary },
  'team:list': { request: z.object({}).strict(), response: Team },
  'conversation:start': { request: StartConversation, response: AgentMessageSent },
  'visitors:watch': { request: z.object({}).strict(), response: LiveVisitorList },
  'visitors:unwatch': { request: z.object({}).strict(), response: z.null() },
  'live:watch': { request: LiveWatch, response: LiveFigures },
  'live:unwatch': { request: z.object({}).strict(), response: z.null() },
  'visitor:follow': { request: VisitorRef, response: VisitorProfile },
  'visitor:unfollow': { request: VisitorRef, response: z.null() },
  'products:search': { request: ProductSearch, response: ProductsFound },
  'note:add': { request: AddNote, response: AgentConversationChanged },
  'conversation:tag': { request: TagConversation, response: ConversationRetagged },
  'read:mark': { request: MarkRead, response: z.null() },
} satisfies CommandSchemas<AgentClientEvents>;

export const agentFactSchemas = {
  'conversation:created': ConversationCreated,
  'message:created': AgentConversationChanged,
  'conversation:changed': AgentConversationChanged,
  'conversation:updated': ConversationUpdated,
  'typing:changed': TypingChanged,
  'presence:changed': PresenceChanged,
  'visitors:changed': VisitorsChanged,
  'live:changed': LiveFigures,
  'visitor:changed': VisitorChanged,
  'mention:created': MentionCreated,
  'conversation:retagged': ConversationRetagged,
  'conversations:erased': ConversationsErased,
  'conversation:rated': ConversationRated,
  'rating:low': LowRating,
  'read:marked': VisitorReadChanged,
} satisfies FactSchemas<AgentServerEvents>;
