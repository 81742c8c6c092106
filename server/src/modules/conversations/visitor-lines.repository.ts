import type { InTx, Tx } from '../../db/committer.ts';
import type { ConversationRow } from './conversations.types.ts';

/**
 * The reads behind VisitorLines, on either engine (visitor-lines.repository.test.ts holds both to one
 * contract): a conversation with its visitor's language, the visitor message at or before a seq, and a
 * subject's conversations for the privacy registry. Every read takes the site.
 */
export interface VisitorLinesRepository {
  /** A conversation of the site, with its visitor's browser language. */
  withLanguage(siteId: string, conversationId: string): Promise<{ conversation: ConversationRow; language: string | null } | undefined>;
  /** The visitor's message at or before `seq` in a conversation of the site; null if there is none. */
  textAt(siteId: string, conversationId: string, seq: number): Promise<string | null>;
  /** The ids of a site's conversations with these visitors (the privacy registry's subject). */
  idsOfVisitors(siteId: string, visitorIds: readonly string[]): Promise<string[]>;
  /** The same, inside an erasure's transaction, so it sees what the step has done so far. */
  idsOfVisitorsInTx(tx: Tx, siteId: string, visitorIds: readonly string[]): InTx<string[]>;
}
