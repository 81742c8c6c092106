import type { AgentProfile, ConversationSummary, InboxView } from '@mostrador/shared';
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

export function inView(conversation: ConversationSummary, view: InboxView, me: Me): boolean {
  switch (view) {
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
  return me.role === 'admin' ? ['mine', 'queue', 'all', 'closed'] : ['mine', 'queue', 'closed'];
}

/** Longest waiting first in the queue; newest activity first elsewhere. */
export function conversationsInView(conversations: ConversationsById, view: InboxView, me: Me): ConversationSummary[] {
  const listed = Object.values(conversations).filter((conversation) => inView(conversation, view, me));
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
