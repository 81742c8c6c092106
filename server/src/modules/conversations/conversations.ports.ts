import type { AttachmentInfo, ProductCard, Result } from '@mostrador/shared';
import type { InTx, Tx } from '../../db/committer.ts';

/* What the conversations' rules need from other modules, each given by app.ts. */

/** The trigger invitations a visitor's first message may answer; the triggers module provides them. */
export interface InvitationSource {
  invitationInTx(
    tx: Tx,
    siteId: string,
    visitorId: string,
    firingId: string,
  ): InTx<{ message: string; author: { id: string | null; name: string }; departmentId: string | null; tags: string[] } | null>;
  repliedInTx(tx: Tx, siteId: string, visitorId: string, firingId: string, conversationId: string, at: number): InTx<void>;
  /** An agent answered for the first time in a conversation a trigger started. */
  answered(siteId: string, conversationId: string, at: number): void;
}

/**
 * Files a message carries; the attachments module provides them. Both run
 * inside the message's transaction: a message is stored with its files or
 * not at all.
 */
export interface MessageFiles {
  /** The author's own uploads, not yet sent; another's, or a missing one: not found. */
  claimInTx(tx: Tx, siteId: string, authorId: string, ids: readonly string[]): InTx<Result<AttachmentInfo[]>>;
  bindInTx(tx: Tx, siteId: string, ids: readonly string[], at: { conversationId: string; seq: number; visitorId: string }): InTx<void>;
}

/**
 * The products a visitor saw, as the side panel's trail shows them; the
 * visitors module provides it. An agent names one by its page's URL and the
 * card is built from what the visitor's browser reported, never from the
 * agent's payload.
 */
export interface ProductTrail {
  productSeen(siteId: string, visitorId: string, url: string): Promise<ProductCard | null>;
}
