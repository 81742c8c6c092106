import { z } from 'zod';
import { AttachmentInfo } from './attachments.ts';
import { Id, Timestamp } from './common.ts';
import { ConversationStatus, LastMessage } from './conversation.ts';
import { RatingInfo } from './feedback.ts';
import { Amount, Cart, CartChange, CartStage, Currency, OrderNumber, Product } from './shop.ts';

export const DEVICE_TYPES = ['desktop', 'mobile', 'tablet'] as const;
export const Device = z.object({
  type: z.enum(DEVICE_TYPES),
  /** "Android", "iOS", "Windows"…; null when the user agent does not say. */
  os: z.string().nullable(),
  /** "Chrome 131", "Safari 18"…; null when the user agent does not say. */
  browser: z.string().nullable(),
});
export type Device = z.infer<typeof Device>;

/** A page the visitor saw. `seconds` is null while the visitor is still on it. */
export const PageRecord = z.object({
  url: z.string(),
  title: z.string(),
  referrer: z.string(),
  product: Product.nullable(),
  at: Timestamp,
  seconds: z.number().int().min(0).nullable(),
});
export type PageRecord = z.infer<typeof PageRecord>;

/** A customer the shop vouched for with a valid `identify` hash, or what an unverified visitor claims. */
export const VisitorIdentity = z.object({
  /** The shop's own customer id; only set when verified. */
  customerId: z.string().nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  verified: z.boolean(),
});
export type VisitorIdentity = z.infer<typeof VisitorIdentity>;

/** What every view of a visitor starts with. */
const VisitorBase = {
  id: Id,
  /** Short code agents tell anonymous visitors apart by ("#K7QM2"). */
  label: z.string(),
  identity: VisitorIdentity,
};

/** One row of the live visitor list. */
export const LiveVisitor = z.object({
  ...VisitorBase,
  page: z.object({ url: z.string(), title: z.string(), product: Product.nullable() }).nullable(),
  /** When this visit began (a new visit starts after 30 minutes away). */
  visitStartedAt: Timestamp,
  pagesViewed: z.number().int().min(0),
  cart: z.object({ total: Amount, currency: Currency, items: z.number().int().min(0) }).nullable(),
  /** The open conversation, if the visitor is chatting. */
  conversationId: Id.nullable(),
  returning: z.boolean(),
  device: Device,
});
export type LiveVisitor = z.infer<typeof LiveVisitor>;

export const EarlierConversation = z.object({
  id: Id,
  status: ConversationStatus,
  createdAt: Timestamp,
  lastMessage: LastMessage.nullable(),
  /** The shopper's latest rating of it, once given. */
  rating: RatingInfo.nullable().optional(),
});
export type EarlierConversation = z.infer<typeof EarlierConversation>;

/** The visitor's newest purchase, as their cart history keeps it: the order the agent is most likely asked about. */
export const LastOrder = z.object({
  /** Null when the shop told no order number with it. */
  number: OrderNumber.nullable(),
  at: Timestamp,
  total: Amount,
  currency: Currency,
});
export type LastOrder = z.infer<typeof LastOrder>;

/** Everything the side panel shows about the visitor of a conversation. */
export const VisitorProfile = z.object({
  ...VisitorBase,
  online: z.boolean(),
  firstSeenAt: Timestamp,
  lastSeenAt: Timestamp,
  visits: z.number().int().min(1),
  device: Device.nullable(),
  language: z.string().nullable(),
  timeZone: z.string().nullable(),
  /** Newest first; the first entry is the current page while the visitor is online. */
  trail: z.array(PageRecord),
  cart: Cart.nullable(),
  cartStage: CartStage.nullable(),
  /** Newest first. */
  cartHistory: z.array(CartChange),
  /** Null until the visitor bought something (or once the cart history that told it is erased or expired). */
  lastOrder: LastOrder.nullable(),
  /** The visitor's conversations (and, when verified, the customer's from other devices), newest first. */
  conversations: z.array(EarlierConversation),
  /** Files sent in those conversations, by the shopper or by agents, newest first. */
  files: z.array(AttachmentInfo),
});
export type VisitorProfile = z.infer<typeof VisitorProfile>;

/** How much history a profile carries. */
export const PROFILE_TRAIL_MAX = 50;
export const PROFILE_CART_HISTORY_MAX = 50;
export const PROFILE_CONVERSATIONS_MAX = 20;
export const PROFILE_FILES_MAX = 20;
