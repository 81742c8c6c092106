import { newId } from '../../db/ids.ts';
import type { VisitorActor } from './actors.ts';
import type { ConversationRow } from './conversations.types.ts';

/** A visitor's new conversation as first stored: open, queued, nothing said yet, in `departmentId`'s line (null: the site's). */
export function newConversation(visitor: VisitorActor, departmentId: string | null, now: number): ConversationRow {
  return {
    id: newId('cnv'),
    siteId: visitor.siteId,
    visitorId: visitor.visitorId,
    visitorLabel: visitor.label,
    status: 'open',
    origin: 'visitor',
    tags: [],
    departmentId,
    assigneeId: null,
    queuedAt: now,
    queuePriority: 0,
    awaitingReplySince: null,
    firstResponseAt: null,
    lastSeq: 0,
    lastVisitorSeq: 0,
    lastMessageBody: null,
    lastMessageAuthor: null,
    lastMessageAt: null,
    ticketSince: null,
    hold: null,
    snoozedUntil: null,
    missedAt: null,
    visitorLeftAt: null,
    visitorReadSeq: 0,
    agentReadSeq: 0,
    guestIds: [],
    rating: null,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
}
