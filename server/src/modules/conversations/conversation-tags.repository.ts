import type { InTx, Tx } from '../../db/committer.ts';
import type { ConversationRow } from './conversations.types.ts';

/**
 * The tags column of conversations, on either engine
 * (conversation-tags.repository.test.ts holds both to one contract): set on
 * one conversation, or renamed and merged across a site (an admin's edit of
 * the tag list). Kept apart from the conversations repository, which is long
 * enough. Every read and write is within the caller's site.
 */
export interface ConversationTagsRepository {
  /** Inside the caller's step: the conversation's tags become `tags`; the row, or undefined if it is not the site's. */
  setInTx(tx: Tx, siteId: string, conversationId: string, tags: readonly string[]): InTx<ConversationRow | undefined>;
  /**
   * Inside the caller's step: renames (or, when `to` is already there,
   * merges) a tag in every conversation of the site, keeping the others in
   * their order; answers the ids of the conversations it changed.
   */
  renameInTx(tx: Tx, siteId: string, from: string, to: string): InTx<string[]>;
  /** Every tag name used on the site's conversations. */
  used(siteId: string): Promise<string[]>;
}
