import type { AgentActor, VisitorActor } from './actors.ts';
import type { ConversationRow } from './conversations.types.ts';

export type Access = 'none' | 'read' | 'write';

export interface AgentContext {
  /** Departments the agent serves now. */
  departmentIds: readonly string[];
  /** Whether the agent joined this conversation as a guest. */
  isGuest: boolean;
}

/**
 * An agent writes in conversations assigned to it or that it joined as a
 * guest, and reads the queue of its departments (the site-wide queue too);
 * an admin reads and writes everything of its site. A closed conversation
 * stays readable by those who were in it.
 */
export function agentAccess(agent: AgentActor, conversation: ConversationRow, context: AgentContext): Access {
  if (conversation.siteId !== agent.siteId) return 'none';
  if (agent.role === 'admin') return 'write';
  if (conversation.assigneeId === agent.agentId || context.isGuest) return 'write';
  const queued = conversation.status === 'open' && conversation.assigneeId === null;
  const myQueue = conversation.departmentId === null || context.departmentIds.includes(conversation.departmentId);
  return queued && myQueue ? 'read' : 'none';
}

/** A visitor reaches only its own conversations. */
export function visitorMayAccess(visitor: VisitorActor, conversation: ConversationRow): boolean {
  return conversation.visitorId === visitor.visitorId && conversation.siteId === visitor.siteId;
}

/** Looks up what `agentAccess` needs (the agent's memberships; the guests come with the row) for one check. */
export class AccessResolver {
  constructor(private readonly departmentIdsOf: (siteId: string, agentId: string) => string[]) {}

  of(agent: AgentActor, conversation: ConversationRow): Access {
    if (conversation.siteId !== agent.siteId) return 'none';
    return agentAccess(agent, conversation, {
      departmentIds: agent.role === 'admin' ? [] : this.departmentIdsOf(agent.siteId, agent.agentId),
      isGuest: conversation.guestIds.includes(agent.agentId),
    });
  }
}
