import type { AttachmentInfo, ProductCard, QueueInfo } from '@mostrador/shared';
import type { InTx } from '../../db/committer.ts';
import type { conversationEvents, conversations } from '../../db/schema.ts';

/*
 * The module's shared types. This file imports nothing from the module, so
 * any file of it can depend on these without joining an import cycle.
 */

export type ConversationRow = typeof conversations.$inferSelect;
export type EventRow = typeof conversationEvents.$inferSelect;
/** An event to append; `visible` says whether it enters the visitor's log too. */
export type MessageFields = Pick<EventRow, 'authorKind' | 'authorId' | 'authorName' | 'clientId' | 'body' | 'createdAt'> & {
  /** An agent's "don't email": stored in the event's data, through its own statement so the usual insert stays as it is. */
  noEmail?: boolean;
  /** The files the message carries, stored in the event's data. */
  attachments?: AttachmentInfo[];
  /** The product card the message carries, stored in the event's data. */
  product?: ProductCard;
};
export type NewEvent = Omit<EventRow, 'conversationId' | 'seq' | 'visitorSeq'> & { visible: boolean };
export type ConversationChanges = Partial<
  Pick<
    ConversationRow,
    | 'status'
    | 'closedAt'
    | 'assigneeId'
    | 'departmentId'
    | 'queuedAt'
    | 'queuePriority'
    | 'awaitingReplySince'
    | 'firstResponseAt'
    | 'ticketSince'
    | 'hold'
    | 'snoozedUntil'
    | 'missedAt'
    | 'visitorLeftAt'
    | 'rating'
  >
>;

/** An event just stored, with the conversation as it stands after it. */
export interface Appended {
  event: EventRow;
  conversation: ConversationRow;
}

/** One page of a conversation's events, for a sync. */
export interface Page {
  conversation: ConversationRow;
  events: EventRow[];
  hasMore: boolean;
}

/** Where a queued conversation stands in line; the queue board answers it. */
export interface QueuePlaces {
  /** Its place and wait as last read; null when it is not queued, or (PostgreSQL) its line is not read yet. */
  infoFor(conversation: ConversationRow): QueueInfo | null;
  /** Reads its line unless the one kept is fresh: at once on SQLite, awaited on PostgreSQL. */
  read(conversation: ConversationRow): InTx<void>;
}
