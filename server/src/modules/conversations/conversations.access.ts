import type { AgentActor, VisitorActor } from './actors.ts';
import type { ConversationRow } from './conversations.repository.ts';

/** Agents reach the conversations of their own site; routing will narrow this. */
export function agentMayAccess(agent: AgentActor, conversation: ConversationRow): boolean {
  return conversation.siteId === agent.siteId;
}

/** A visitor reaches only its own conversations. */
export function visitorMayAccess(visitor: VisitorActor, conversation: ConversationRow): boolean {
  return conversation.visitorId === visitor.visitorId && conversation.siteId === visitor.siteId;
}
