import { z } from 'zod';
import { AgentPicture } from './agent.ts';
import { AttachmentInfo } from './attachments.ts';
import { ClientId, Id, MessageBody, MessageText, Seq, Timestamp } from './common.ts';
import { RatingInfo } from './feedback.ts';
import { Amount, Currency, Product, WebUrl } from './shop.ts';

export const CONVERSATION_STATUSES = ['open', 'closed'] as const;
export const ConversationStatus = z.enum(CONVERSATION_STATUSES);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

/**
 * Where an agent stands with a conversation. `open`, `pending` (waiting on
 * the customer) and `snoozed` (until a time) are all still active: the
 * stored status stays `open` for them. `resolved` is a closed conversation.
 */
export const CONVERSATION_STATES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export const ConversationState = z.enum(CONVERSATION_STATES);
export type ConversationState = z.infer<typeof ConversationState>;
/** The states an agent sets with `conversation:status`; resolving is `conversation:close`. */
export const ACTIVE_STATES = ['open', 'pending', 'snoozed'] as const;
export const ActiveState = z.enum(ACTIVE_STATES);
export type ActiveState = z.infer<typeof ActiveState>;

/**
 * Who started the conversation: the visitor, an agent (proactive chat), a
 * trigger's invitation, or the shopper's emailed answer to a chat that had
 * closed meanwhile.
 */
export const CONVERSATION_ORIGINS = ['visitor', 'agent', 'trigger', 'email'] as const;
export const ConversationOrigin = z.enum(CONVERSATION_ORIGINS);
export type ConversationOrigin = z.infer<typeof ConversationOrigin>;

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

/**
 * A product an agent shows the shopper: a card with a link to the product's
 * page. The server builds it from a page of the shopper's own trail, never
 * from what the agent sends, so no agent can put an arbitrary link or image
 * in front of a shopper.
 */
export const ProductCard = z.object({
  name: Product.shape.name,
  /** The product's page, as the shopper's browser reported it. */
  url: WebUrl,
  price: Amount.nullable(),
  currency: Currency.nullable(),
  image: WebUrl.nullable(),
  sku: Product.shape.sku,
});
export type ProductCard = z.infer<typeof ProductCard>;

/** An agent's search of the products the site's pages have shown (any visitor's), by name or SKU. */
export const ProductSearch = z.object({ query: z.string().trim().min(2).max(100) });
export type ProductSearch = z.infer<typeof ProductSearch>;

/** The products found, most recently seen first, at most PRODUCT_SEARCH_MAX. */
export const PRODUCT_SEARCH_MAX = 20;
export const ProductsFound = z.object({ products: z.array(ProductCard).max(PRODUCT_SEARCH_MAX) });
export type ProductsFound = z.infer<typeof ProductsFound>;

/** Which product an agent shows: the page's URL, resolved by the server (`message:send`) from the shopper's trail, else the site's catalogue. */
export const ProductRef = z.object({ url: WebUrl });
export type ProductRef = z.infer<typeof ProductRef>;

export const MessageEvent = z.object({
  ...EventBase,
  type: z.literal('message'),
  clientId: ClientId,
  /** Empty when the message is only files. */
  body: MessageText,
  /** Files sent with the message; absent when none. */
  attachments: z.array(AttachmentInfo).optional(),
  /** A product card an agent sent with the message; absent when none. */
  product: ProductCard.optional(),
});
export type MessageEvent = z.infer<typeof MessageEvent>;

export const StatusEvent = z.object({
  ...EventBase,
  type: z.literal('status'),
  status: ConversationStatus,
});
export type StatusEvent = z.infer<typeof StatusEvent>;

export const AgentRef = z.object({ id: Id, name: z.string() });
export type AgentRef = z.infer<typeof AgentRef>;

export const DepartmentRef = z.object({ id: Id, name: z.string() });
export type DepartmentRef = z.infer<typeof DepartmentRef>;

/** An agent entered the chat: as its assignee, or invited as a guest (group chat). */
export const JoinedEvent = z.object({
  ...EventBase,
  type: z.literal('joined'),
  agent: AgentRef,
  role: z.enum(['assignee', 'guest']),
});
export type JoinedEvent = z.infer<typeof JoinedEvent>;

export const LEFT_REASONS = ['transferred', 'offline', 'left'] as const;
/** An agent left the chat: handed it on, went offline past the grace period, or left a group chat. */
export const LeftEvent = z.object({
  ...EventBase,
  type: z.literal('left'),
  agent: AgentRef,
  reason: z.enum(LEFT_REASONS),
});
export type LeftEvent = z.infer<typeof LeftEvent>;

export const QUEUE_REASONS = ['new', 'transferred', 'requeued'] as const;
/** The conversation (re)entered a department's queue to wait for an agent. */
export const QueuedEvent = z.object({
  ...EventBase,
  type: z.literal('queued'),
  department: DepartmentRef.nullable(),
  reason: z.enum(QUEUE_REASONS),
});
export type QueuedEvent = z.infer<typeof QueuedEvent>;

/**
 * Why an active conversation's state changed: an agent set it, the customer
 * wrote (which wakes a pending or snoozed one), a snooze ran out, the shopper
 * left while queued (a missed chat), or a queued chat became a ticket because
 * nobody can answer it now.
 */
export const STATE_REASONS = ['agent', 'customer', 'timer', 'missed', 'ticket'] as const;
/** An active conversation's state changed; agents only (the visitor never sees it). */
export const StateEvent = z.object({
  ...EventBase,
  type: z.literal('state'),
  state: ActiveState,
  snoozedUntil: Timestamp.nullable(),
  reason: z.enum(STATE_REASONS),
});
export type StateEvent = z.infer<typeof StateEvent>;

/** An internal note between agents (a transfer note); never reaches the visitor. */
export const NoteEvent = z.object({
  ...EventBase,
  type: z.literal('note'),
  body: MessageBody,
  /** Colleagues the note mentions. */
  mentions: z.array(z.object({ id: Id, name: z.string() })).optional(),
});
export type NoteEvent = z.infer<typeof NoteEvent>;

/**
 * One entry of a conversation's log as agents see it. Messages, status
 * changes, assignments and notes share one sequence, so a client that
 * resyncs from its last seq gets all of them, in order.
 */
export const ConversationEvent = z.discriminatedUnion('type', [
  MessageEvent,
  StatusEvent,
  JoinedEvent,
  LeftEvent,
  QueuedEvent,
  NoteEvent,
  StateEvent,
]);
export type ConversationEvent = z.infer<typeof ConversationEvent>;

/**
 * The visitor's log: the same events minus internal notes, numbered by a
 * sequence of its own, so the visitor's resync has no gaps where notes are.
 */
export const VisitorEvent = z.discriminatedUnion('type', [MessageEvent, StatusEvent, JoinedEvent, LeftEvent, QueuedEvent]);
export type VisitorEvent = z.infer<typeof VisitorEvent>;

/** Where a waiting visitor stands. */
export const QueueInfo = z.object({
  /** 1 for the next conversation to be assigned. */
  position: z.number().int().min(1),
  estimatedWaitSeconds: z.number().int().min(0),
  /** Agents are online but every one is at capacity: "all our agents are busy". */
  allBusy: z.boolean().optional(),
});
export type QueueInfo = z.infer<typeof QueueInfo>;

/** What the visitor may know of its own conversation. */
export const VisitorConversation = z.object({
  id: Id,
  status: ConversationStatus,
  origin: ConversationOrigin,
  /** Highest seq of the visitor's log. */
  lastSeq: Seq,
  createdAt: Timestamp,
  /** Agents in the chat now, by name, with their id (as on their messages) and picture; id and picture are absent from older servers. */
  agents: z.array(z.object({ id: Id.optional(), name: z.string(), picture: AgentPicture.optional() })),
  /** Set while the conversation waits for an agent. */
  queue: QueueInfo.nullable(),
  /** Read receipt: the highest seq of this (the visitor's) log an agent in the chat has read; 0 or absent: none yet. */
  agentReadSeq: Seq.optional(),
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
  origin: ConversationOrigin,
  lastSeq: Seq,
  lastMessage: LastMessage.nullable(),
  department: DepartmentRef.nullable(),
  assignee: AgentRef.nullable(),
  /** Agents invited into the chat besides its assignee. */
  guests: z.array(AgentRef),
  /** Set by the trigger that started the conversation, for the team's own sorting. */
  tags: z.array(z.string()),
  /** When the conversation entered the queue it waits in; null when it has an agent. */
  queuedAt: Timestamp.nullable(),
  /** Oldest visitor message not yet answered by an agent; null when nothing waits for a reply. */
  awaitingReplySince: Timestamp.nullable(),
  /** Set when it began while nobody could answer: a ticket, waiting for an agent rather than a live chat. */
  ticketSince: Timestamp.nullable().optional(),
  /** open, pending, snoozed or resolved; absent from older servers (then read from `status`). */
  state: ConversationState.optional(),
  /** When a snoozed conversation comes back; null otherwise. */
  snoozedUntil: Timestamp.nullable().optional(),
  /** When the shopper left while it was queued (a missed chat); null otherwise. */
  missedAt: Timestamp.nullable().optional(),
  /** When the visitor left the site, while it is active; null while they are on it. */
  visitorLeftAt: Timestamp.nullable().optional(),
  /** The shopper's latest rating of it, once given. */
  rating: RatingInfo.nullable().optional(),
  /** Read receipt: the highest seq of this (the agents') log the visitor has seen; 0 or absent: none yet. */
  visitorReadSeq: Seq.optional(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;
