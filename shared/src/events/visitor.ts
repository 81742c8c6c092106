import { z } from 'zod';
import { AttachmentIds, WidgetAttachments } from '../schemas/attachments.ts';
import { ClientId, hasContent, Id, MessageText, Timestamp } from '../schemas/common.ts';
import { MessageEvent, QueueInfo, VisitorConversation, VisitorEvent } from '../schemas/conversation.ts';
import { SyncRequest } from '../schemas/http.ts';
import { AgentReadChanged, MarkRead } from '../schemas/receipts.ts';
import { CartSet, CartTracked, CartTrackedResult, CartUpdated, PageRead, PageViewed } from '../schemas/shop.ts';
import { VisitorIdentity } from '../schemas/visitor.ts';
import { TranscriptQueued, TranscriptRequest } from '../schemas/email.ts';
import { WidgetHours } from '../schemas/hours.ts';
import { PreChatMode } from '../schemas/admin.ts';
import { BrandingChanged, WidgetBranding } from '../schemas/branding.ts';
import {
  OnlineAgents,
  TriggerAnswer,
  TriggerFired,
  TriggerOpened,
  TriggerReport,
  TriggerSignal,
  TriggersChanged,
  TriggerWatch,
  VisitInfo,
  WidgetTrigger,
} from '../schemas/triggers.ts';
import { NpsAnswered, RatingInfo, SubmitNps, SubmitRating, WidgetFeedback } from '../schemas/feedback.ts';
import { MAX_MESSAGE_CHARS } from '../limits.ts';
import type { Command, CommandSchemas, Fact, FactSchemas } from './contract.ts';

/** Sent in the Socket.IO handshake (`auth`) of the `/visitor` namespace. */
export const VisitorHandshake = z.object({
  siteKey: z.string().min(1).max(64),
  /** The token issued in an earlier `session:established`; absent on a first visit. */
  token: z.string().min(1).max(128).optional(),
  /**
   * `'server'`: this widget shows the invitations the server sends
   * (`trigger:fired`), so the server evaluates the site's rules for this tab.
   * Widgets from before that leave it out, and are invited to nothing.
   */
  triggers: z.literal('server').optional(),
});
export type VisitorHandshake = z.infer<typeof VisitorHandshake>;

export const VisitorSendMessage = z
  .object({
    clientId: ClientId,
    /** May be empty when `attachments` is not. */
    body: MessageText,
    /** Files uploaded first (`POST /api/attachments`), sent with this message. */
    attachments: AttachmentIds.optional(),
    /** Department slug chosen in the widget or set by the shop; used when the message opens a conversation. */
    department: z.string().min(1).max(40).optional(),
    /** The trigger invitation this message answers (its firing id); used when the message opens a conversation. */
    trigger: TriggerReport.shape.firingId.optional(),
  })
  .refine(hasContent, { message: 'A message needs words or files' });
export const VisitorSetTyping = z.object({
  typing: z.boolean(),
  /**
   * The draft so far (typing preview), card numbers already masked by the
   * widget. Sent only when the site allows previews; never stored, and told
   * only to the agents of the visitor's open conversation.
   */
  draft: z.string().max(MAX_MESSAGE_CHARS).optional(),
});

/** `Mostrador('identify', …)`: `hash` is HMAC-SHA256 of `id` under the site's identity secret, in hex. */
export const VisitorIdentify = z.object({
  id: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(80).optional(),
  email: z.string().trim().toLowerCase().email().max(254).optional(),
  hash: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/)
    .optional(),
});
export type VisitorIdentify = z.infer<typeof VisitorIdentify>;
/** The offline form: where to answer when nobody can answer live. Sent with the consent line shown beside it. */
export const VisitorContact = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(80).optional(),
});
export type VisitorContact = z.infer<typeof VisitorContact>;
export const ContactInfo = z.object({ email: z.string(), name: z.string().nullable() });
export type ContactInfo = z.infer<typeof ContactInfo>;

export const IdentifyResult = z.object({ identity: VisitorIdentity });
export const VisitorClose = z.object({ conversationId: Id });

export const VisitorMessageSent = z.object({
  event: MessageEvent,
  conversation: VisitorConversation,
});
export const VisitorSyncPage = z.object({
  conversation: VisitorConversation,
  events: z.array(VisitorEvent),
  hasMore: z.boolean(),
});
export type VisitorSyncPage = z.infer<typeof VisitorSyncPage>;

export const SessionEstablished = z.object({
  visitorId: Id,
  /** Secret that proves this browser is the visitor; stored in the shop's origin. */
  token: z.string(),
  /** The visitor's open conversation, if any. */
  conversation: VisitorConversation.nullable(),
  site: z.object({
    name: z.string(),
    /** Departments the visitor may choose from before the first message; empty when the site offers no choice. */
    departments: z.array(z.object({ slug: z.string(), name: z.string() })),
    /** Whether the widget may send the draft itself (typing preview) or only "is typing". */
    typingPreview: z.boolean(),
    /**
     * Always empty: the server evaluates the rules. Kept for widgets from
     * before it did (a tab left open over an upgrade), which read it: they
     * invite no one until the page loads the current widget.
     */
    triggers: z.array(WidgetTrigger).max(0),
    /** The signals the server's evaluation of the rules needs from this tab; absent: none. */
    watch: TriggerWatch.optional(),
    onlineAgents: OnlineAgents,
    /** Business hours, so the widget can say "closed, back Monday at 09:00" in the shopper's own time. */
    hours: WidgetHours.optional(),
    /** The merchant's colours, position, words and theme, and the team's recent reply time. */
    branding: WidgetBranding.optional(),
    /** What to ask when a chat ends (rating, NPS); absent: nothing. */
    feedback: WidgetFeedback.optional(),
    /** The pre-chat form: what to ask before the first message; absent: nothing. */
    preChat: PreChatMode.optional(),
    /** Shoppers may send files, within these limits; null (or absent): the widget offers no upload. */
    attachments: WidgetAttachments.nullable().optional(),
  }),
  visit: VisitInfo,
  /** The visitor has ended conversations the widget can show above the current one (`conversation:earlier`). */
  hasEarlier: z.boolean().optional(),
  /** How the shop can reach the visitor already (offline form, or a verified identify): never asked again. */
  contact: ContactInfo.nullable().optional(),
});
export type SessionEstablished = z.infer<typeof SessionEstablished>;

export const VisitorConversationChanged = z.object({
  event: VisitorEvent,
  conversation: VisitorConversation,
});
export type VisitorConversationChanged = z.infer<typeof VisitorConversationChanged>;

export const AgentTypingChanged = z.object({
  conversationId: Id,
  typing: z.boolean(),
  name: z.string(),
});
export type AgentTypingChanged = z.infer<typeof AgentTypingChanged>;

export const OnlineAgentsChanged = z.object({ onlineAgents: OnlineAgents });
export type OnlineAgentsChanged = z.infer<typeof OnlineAgentsChanged>;

/** An admin edited the business hours: open widgets learn them at once. */
export const HoursChanged = z.object({ hours: WidgetHours });
export type HoursChanged = z.infer<typeof HoursChanged>;
/** The shop learned how to reach the visitor (a verified identify, a form in another tab): the pre-chat form stops asking. */
export const ContactChanged = z.object({ contact: ContactInfo });
export type ContactChanged = z.infer<typeof ContactChanged>;
/** `conversation:earlier`: the visitor's own ended conversations before a time, newest first, to show above the current one. */
export const EARLIER_PAGE_SIZE = 5;
export const EarlierRequest = z.object({ before: Timestamp.optional() });
export const EarlierThreads = z.object({
  conversations: z.array(z.object({ id: Id, createdAt: Timestamp, closedAt: Timestamp.nullable() })),
  hasMore: z.boolean(),
});
export type EarlierThreads = z.infer<typeof EarlierThreads>;

export const QueueUpdated = z.object({ conversationId: Id, queue: QueueInfo.nullable() });
export type QueueUpdated = z.infer<typeof QueueUpdated>;

/** Commands the widget sends to the `/visitor` namespace. */
export interface VisitorClientEvents {
  'message:send': Command<z.infer<typeof VisitorSendMessage>, z.infer<typeof VisitorMessageSent>>;
  'typing:set': Command<z.infer<typeof VisitorSetTyping>, null>;
  'conversation:sync': Command<z.infer<typeof SyncRequest>, VisitorSyncPage>;
  'conversation:close': Command<z.infer<typeof VisitorClose>, VisitorConversationChanged>;
  'page:viewed': Command<PageViewed, PageRead>;
  /** A cart the widget read itself (Shopify; widgets from before the server read `setCart` and GA4 events). */
  'cart:updated': Command<CartUpdated, null>;
  /** The GA4 e-commerce events of the page's dataLayer, for the server to read the cart from. */
  'cart:tracked': Command<CartTracked, CartTrackedResult>;
  /** `Mostrador('setCart', …)` as the shop called it, for the server to read the cart from. */
  'cart:set': Command<CartSet, null>;
  'visitor:identify': Command<z.input<typeof VisitorIdentify>, z.infer<typeof IdentifyResult>>;
  'trigger:opened': Command<z.infer<typeof TriggerOpened>, null>;
  'trigger:signal': Command<TriggerSignal, null>;
  'trigger:shown': Command<z.infer<typeof TriggerAnswer>, null>;
  'trigger:declined': Command<z.infer<typeof TriggerAnswer>, null>;
  'visitor:contact': Command<z.input<typeof VisitorContact>, ContactInfo>;
  'rating:submit': Command<z.input<typeof SubmitRating>, RatingInfo>;
  'nps:submit': Command<z.infer<typeof SubmitNps>, z.infer<typeof NpsAnswered>>;
  'conversation:earlier': Command<z.infer<typeof EarlierRequest>, EarlierThreads>;
  /** Read receipt: the visitor has seen its log up to `seq` (sent at most about once a second, when an agent's message was seen). */
  'read:mark': Command<MarkRead, null>;
  'transcript:email': Command<TranscriptRequest, TranscriptQueued>;
}

/** Facts the server tells the widget. */
export interface VisitorServerEvents {
  'session:established': Fact<SessionEstablished>;
  'message:created': Fact<VisitorConversationChanged>;
  'conversation:changed': Fact<VisitorConversationChanged>;
  'typing:changed': Fact<AgentTypingChanged>;
  'queue:updated': Fact<QueueUpdated>;
  'agents:changed': Fact<OnlineAgentsChanged>;
  'hours:changed': Fact<HoursChanged>;
  'branding:changed': Fact<BrandingChanged>;
  'contact:changed': Fact<ContactChanged>;
  'read:marked': Fact<AgentReadChanged>;
  'trigger:fired': Fact<TriggerFired>;
  'triggers:changed': Fact<TriggersChanged>;
}

export const visitorCommandSchemas = {
  'message:send': { request: VisitorSendMessage, response: VisitorMessageSent },
  'typing:set': { request: VisitorSetTyping, response: z.null() },
  'conversation:sync': { request: SyncRequest, response: VisitorSyncPage },
  'conversation:close': { request: VisitorClose, response: VisitorConversationChanged },
  'page:viewed': { request: PageViewed, response: PageRead },
  'cart:updated': { request: CartUpdated, response: z.null() },
  'cart:tracked': { request: CartTracked, response: CartTrackedResult },
  'cart:set': { request: CartSet, response: z.null() },
  'visitor:identify': { request: VisitorIdentify, response: IdentifyResult },
  'trigger:opened': { request: TriggerOpened, response: z.null() },
  'trigger:signal': { request: TriggerSignal, response: z.null() },
  'trigger:shown': { request: TriggerAnswer, response: z.null() },
  'trigger:declined': { request: TriggerAnswer, response: z.null() },
  'visitor:contact': { request: VisitorContact, response: ContactInfo },
  'rating:submit': { request: SubmitRating, response: RatingInfo },
  'nps:submit': { request: SubmitNps, response: NpsAnswered },
  'conversation:earlier': { request: EarlierRequest, response: EarlierThreads },
  'read:mark': { request: MarkRead, response: z.null() },
  'transcript:email': { request: TranscriptRequest, response: TranscriptQueued },
} satisfies CommandSchemas<VisitorClientEvents>;

export const visitorFactSchemas = {
  'session:established': SessionEstablished,
  'message:created': VisitorConversationChanged,
  'conversation:changed': VisitorConversationChanged,
  'typing:changed': AgentTypingChanged,
  'queue:updated': QueueUpdated,
  'agents:changed': OnlineAgentsChanged,
  'hours:changed': HoursChanged,
  'branding:changed': BrandingChanged,
  'contact:changed': ContactChanged,
  'read:marked': AgentReadChanged,
  'trigger:fired': TriggerFired,
  'triggers:changed': TriggersChanged,
} satisfies FactSchemas<VisitorServerEvents>;
