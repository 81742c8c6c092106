import type { AgentActor } from './actors.ts';
import type { AccessResolver } from './conversations.access.ts';
import type { InTx, Tx } from '../../db/committer.ts';
import type { VisitorLinesRepository } from './visitor-lines.repository.ts';

/** Where a conversation stands for an agent reading it: its last seq, and what the visitor last wrote, in which language. */
export interface VisitorLine {
  seq: number;
  text: string | null;
  language: string | null;
}

/**
 * What the visitor wrote, for other modules (canned reply suggestions) that must not read conversation tables:
 * the last visitor message of a conversation the agent may read, and the visitor message at or before a seq.
 */
export class VisitorLines {
  constructor(
    private readonly repo: VisitorLinesRepository,
    private readonly access: AccessResolver,
  ) {}

  /** Null when the conversation is missing, another site's, or not the agent's to read: the same answer for all. */
  async lastFor(agent: AgentActor, conversationId: string): Promise<VisitorLine | null> {
    const found = await this.repo.withLanguage(agent.siteId, conversationId);
    if (!found || this.access.of(agent, found.conversation) === 'none') return null;
    const seq = found.conversation.lastSeq;
    return { seq, text: await this.repo.textAt(agent.siteId, conversationId, seq), language: found.language };
  }

  /** The visitor's message at or before `seq` in a conversation of the site; null if there is none. */
  textAt(siteId: string, conversationId: string, seq: number): Promise<string | null> {
    return this.repo.textAt(siteId, conversationId, seq);
  }

  /** The ids of a site's conversations with these visitors (the privacy registry's subject). */
  idsOfVisitors(siteId: string, visitorIds: readonly string[]): Promise<string[]> {
    return this.repo.idsOfVisitors(siteId, visitorIds);
  }

  /** The same, inside an erasure's transaction. */
  idsOfVisitorsInTx(tx: Tx, siteId: string, visitorIds: readonly string[]): InTx<string[]> {
    return this.repo.idsOfVisitorsInTx(tx, siteId, visitorIds);
  }
}
