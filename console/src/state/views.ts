import type { AgentProfile, ConversationState, ConversationSummary, InboxView } from '@mostrador/shared';
import { compareByActivity, type ConversationsById } from './conversations.ts';

/** What decides which conversations concern the agent. */
export type Me = Pick<AgentProfile, 'id' | 'role' | 'departmentIds'>;

export function isParticipant(conversation: ConversationSummary, me: Me): boolean {
  return conversation.assignee?.id === me.id || conversation.guests.some((guest) => guest.id === me.id);
}

export function isGuest(conversation: ConversationSummary, me: Me): boolean {
  return conversation.guests.some((guest) => guest.id === me.id);
}

/** Waiting for an agent; a conversation with no department waits in everyone's queue. */
export function isQueued(conversation: ConversationSummary): boolean {
  return conversation.status === 'open' && conversation.assignee === null && conversation.queuedAt !== null;
}

export function isQueuedForMe(conversation: ConversationSummary, me: Me): boolean {
  if (!isQueued(conversation)) return false;
  const { department } = conversation;
  return me.role === 'admin' || department === null || me.departmentIds.includes(department.id);
}

/**
 * Whether the agent should hold the conversation at all: a summary that no
 * longer involves them (transferred away, taken by someone else from the
 * queue, left) is dropped. Closed ones the server sent are kept for reading.
 */
export function involvesMe(conversation: ConversationSummary, me: Me): boolean {
  if (me.role === 'admin' || conversation.status === 'closed') return true;
  return isParticipant(conversation, me) || isQueuedForMe(conversation, me);
}

/** Where the conversation stands for the agent: open, pending, snoozed or resolved (read from the status on older servers). */
export function stateOf(conversation: ConversationSummary): ConversationState {
  return conversation.state ?? (conversation.status === 'closed' ? 'resolved' : 'open');
}

/** A ticket in the Tickets view: open or pending, and its visitor is not on the site. */
export function isOfflineTicket(conversation: ConversationSummary): boolean {
  const state = stateOf(conversation);
  return (state === 'open' || state === 'pending') && conversation.visitorLeftAt != null;
}

export function inView(conversation: ConversationSummary, view: InboxView, me: Me): boolean {
  switch (view) {
    case 'tickets':
      return isOfflineTicket(conversation);
    case 'mine':
      return conversation.status === 'open' && isParticipant(conversation, me);
    case 'queue':
      return isQueuedForMe(conversation, me);
    case 'all':
      return me.role === 'admin' && conversation.status === 'open';
    case 'closed':
      return conversation.status === 'closed';
  }
}

export function viewsFor(me: Me): readonly InboxView[] {
  return me.role === 'admin' ? ['mine', 'queue', 'tickets', 'all', 'closed'] : ['mine', 'queue', 'tickets', 'closed'];
}

/** How long a ticket has waited: since the customer's oldest unanswered message, else since its last change. */
const waitingSince = (c: ConversationSummary) => c.awaitingReplySince ?? c.updatedAt;

/**
 * Longest waiting first in the queue and in Tickets; newest activity first
 * elsewhere. `state` narrows the list to conversations in that state.
 */
export function conversationsInView(
  conversations: ConversationsById,
  view: InboxView,
  me: Me,
  state: ConversationState | null = null,
): ConversationSummary[] {
  const listed = Object.values(conversations).filter(
    (conversation) => inView(conversation, view, me) && (state === null || stateOf(conversation) === state),
  );
  if (view === 'tickets') return listed.sort((a, b) => waitingSince(a) - waitingSince(b) || compareByActivity(a, b));
  if (view !== 'queue') return listed.sort(compareByActivity);
  return listed.sort((a, b) => (a.queuedAt ?? 0) - (b.queuedAt ?? 0) || compareByActivity(a, b));
}

export interface DepartmentGroup {
  /** null for conversations that wait in no particular department. */
  department: { id: string; name: string } | null;
  conversations: ConversationSummary[];
}

/** Splits a list by department, keeping its order within each group and groups in order of first appearance. */
export function groupByDepartment(conversations: readonly ConversationSummary[]): DepartmentGroup[] {
  const groups = new Map<string, DepartmentGroup>();
  for (const conversation of conversations) {
    const key = conversation.department?.id ?? '';
    const group = groups.get(key) ?? { department: conversation.department, conversations: [] };
    group.conversations.push(conversation);
    groups.set(key, group);
  }
  return [...groups.values()];
}
