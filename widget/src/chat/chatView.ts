import type {
  ContactInfo,
  OnlineAgents,
  PreChatMode,
  SessionEstablished,
  WidgetBranding,
  WidgetFeedback,
  WidgetHours,
  VisitorConversation,
  VisitorEvent,
  WidgetAttachments,
} from '@mostrador/shared';
import type { OutboxItem } from './outbox.ts';

/** `unavailable`: the server refuses this page's origin; the widget says so instead of offering a dead composer. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'unavailable';

/** A trigger's invitation, shown on this page only and stored nowhere until the visitor replies. */
export interface Invitation {
  /** Goes with the reply, so the server stores the invitation as the conversation's first message. */
  firingId: string;
  body: string;
  /** The agent it is written as, or the site's name. */
  name: string;
  /** Still a teaser by the launcher, not yet seen in the panel. */
  teaser: boolean;
}

/** An ended conversation shown above the current one: one thread per shopper. */
export interface EarlierThread {
  id: string;
  createdAt: number;
  events: readonly VisitorEvent[];
}

/** What the widget asks at the end of a chat: each question is asked, then thanked for, or gone. */
export type FeedbackStep = 'ask' | 'sending' | 'thanks' | null;
export interface Ending {
  conversationId: string;
  rating: FeedbackStep;
  nps: FeedbackStep;
}

export interface ChatView {
  connection: ConnectionState;
  siteName: string | null;
  /** Departments to choose from before the first message; empty when the site offers no choice. */
  departments: SessionEstablished['site']['departments'];
  /** The department slug a new conversation goes to: the shop's, else the visitor's pick. */
  department: string | null;
  conversation: VisitorConversation | null;
  /** The server's log for `conversation`, ordered by seq. */
  events: readonly VisitorEvent[];
  /** Messages typed here and not yet in the log. */
  pending: readonly OutboxItem[];
  /** The name of the agent typing right now, if any. */
  agentTyping: string | null;
  invitation: Invitation | null;
  /** The site's business hours, from the session; absent: always open. */
  hours?: WidgetHours;
  /** Who could answer now; absent until the session says. */
  onlineAgents?: OnlineAgents;
  /** The pre-chat form: what the site asks before the first message; absent: nothing. */
  preChat?: PreChatMode;
  /** How the shop can reach the visitor when nobody answers live; null: not known yet. */
  contact?: ContactInfo | null;
  /** The merchant's look and the team's recent reply time; absent until the session says. */
  branding?: WidgetBranding;
  /** Read receipt: the highest seq of `events` an agent in the chat has read; absent or 0: none yet. */
  agentReadSeq?: number;
  /** The server asked to slow down: queued messages go a little later. */
  throttled?: boolean;
  /** What the site asks when a chat ends, from the session. */
  feedback?: WidgetFeedback;
  /** The questions of the conversation that just ended here; null once a new one starts. */
  ending?: Ending | null;
  /** What the shopper may upload (largest file, kinds); null or absent: no uploads on this site. */
  attachments?: WidgetAttachments | null;
  /** Earlier conversations shown above the current one, oldest first. */
  earlier?: readonly EarlierThread[];
  /** Whether more earlier conversations can be loaded. */
  earlierMore?: boolean;
}
