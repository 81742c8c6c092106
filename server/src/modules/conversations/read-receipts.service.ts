import { fail, ok, type Result } from '@mostrador/shared';
import type { Committer } from '../../db/committer.ts';
import type { AgentActor, VisitorActor } from './actors.ts';
import { visitorMayAccess, type AccessResolver } from './conversations.access.ts';
import type { SocketBroadcaster } from './conversations.broadcast.ts';
import type { ConversationsStore } from './conversations.store.ts';

const notFound = () => fail('not_found', 'No such conversation');

/**
 * Read receipts both ways: one watermark per side and conversation, moved
 * forward only and kept on the conversation row, so a client that reconnects
 * reads them again from the conversation it syncs. A mark that does not move
 * is answered ok and told to nobody. Written in the group commit, so a burst
 * of marks costs no fsync of its own.
 */
export class ReadReceipts {
  constructor(
    private readonly repo: ConversationsStore,
    private readonly committer: Committer,
    private readonly broadcast: SocketBroadcaster,
    private readonly access: AccessResolver,
  ) {}

  /** The visitor has seen its own log up to `seq` (a visitor seq); the agents are told, in their seq. */
  async visitorRead(visitor: VisitorActor, conversationId: string, seq: number): Promise<Result<null>> {
    const conversation = await this.repo.byId(visitor.siteId, conversationId);
    if (!conversation || !visitorMayAccess(visitor, conversation)) return notFound();
    const moved = await this.committer.run((tx) =>
      this.repo.markVisitorReadInTx(tx, visitor.siteId, visitor.visitorId, conversation.id, Math.min(seq, conversation.lastVisitorSeq)),
    );
    if (moved) this.broadcast.visitorRead(moved);
    return ok(null);
  }

  /**
   * An agent has read the log up to `seq` (an agents' seq); the visitor is told, in its seq.
   * Only the agents in the chat (its assignee and guests) mark it read: an admin or a
   * colleague looking in from the queue has not answered the shopper.
   */
  async agentRead(agent: AgentActor, conversationId: string, seq: number): Promise<Result<null>> {
    const conversation = await this.repo.byId(agent.siteId, conversationId);
    if (!conversation || this.access.of(agent, conversation) === 'none') return notFound();
    const inChat = conversation.assigneeId === agent.agentId || conversation.guestIds.includes(agent.agentId);
    if (!inChat) return ok(null);
    const moved = await this.committer.run((tx) =>
      this.repo.markAgentReadInTx(tx, agent.siteId, conversation.id, Math.min(seq, conversation.lastSeq)),
    );
    if (moved) this.broadcast.agentRead(moved);
    return ok(null);
  }
}
