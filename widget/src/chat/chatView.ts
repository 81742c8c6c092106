import type { SessionEstablished, VisitorConversation, VisitorEvent } from '@mostrador/shared';
import type { OutboxItem } from './outbox.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

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
}
