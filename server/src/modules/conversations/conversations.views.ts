import {
  hasEnded,
  type ConversationState,
  type ConversationSummary,
  type EarlierConversation,
  type RatingInfo,
  type VisitorConversation,
} from '@mostrador/shared';
import { toEvent, toMessageEvent, toVisitorEvent } from './conversations.mapping.ts';
import type { InTx } from '../../db/committer.ts';
import type { Appended, ConversationRow, Page, QueuePlaces } from './conversations.types.ts';
import type { TeamDirectory } from './team-directory.ts';

/** Builds what each audience sees of a conversation, with names and queue places looked up. */
export class ConversationViews {
  /**
   * The views of the latest row, kept until the next row: a message's
   * broadcast and its ack ask for the same row one after the other. One slot
   * each, not a WeakMap: entries per message in a WeakMap slowed every
   * young-generation GC.
   */
  private latestSummary: { row: ConversationRow; view: ConversationSummary } | null = null;
  private latestVisitorView: { row: ConversationRow; view: VisitorConversation } | null = null;

  constructor(
    private readonly team: TeamDirectory,
    /** Where a queued conversation stands in line (the queue board). */
    private readonly queue: QueuePlaces,
  ) {}

  summary(row: ConversationRow): ConversationSummary {
    if (this.latestSummary?.row !== row) this.latestSummary = { row, view: this.buildSummary(row) };
    return this.latestSummary.view;
  }

  visitorConversation(row: ConversationRow): VisitorConversation {
    if (this.latestVisitorView?.row !== row) this.latestVisitorView = { row, view: this.buildVisitorConversation(row) };
    return this.latestVisitorView.view;
  }

  /**
   * Reads what a visitor's view of the row needs besides the row (its place
   * in line), so that the view built next is whole: at once on SQLite,
   * awaited on PostgreSQL.
   */
  visitorViewRead(row: ConversationRow): InTx<void> {
    return this.queue.read(row);
  }

  /** A conversation as a visitor profile lists it. */
  earlier(row: ConversationRow): EarlierConversation {
    return { id: row.id, status: row.status, createdAt: row.createdAt, lastMessage: lastMessageOf(row), rating: this.endedRating(row) };
  }

  private endedRating(row: ConversationRow): RatingInfo | null {
    return hasEnded(row.status) ? row.rating : null;
  }

  private buildSummary(row: ConversationRow): ConversationSummary {
    return {
      id: row.id,
      visitorId: row.visitorId,
      visitorLabel: row.visitorLabel,
      status: row.status,
      origin: row.origin,
      lastSeq: row.lastSeq,
      lastMessage: lastMessageOf(row),
      department: this.team.departmentRef(row.siteId, row.departmentId),
      assignee: row.assigneeId ? this.team.agentRef(row.siteId, row.assigneeId) : null,
      guests: this.guests(row),
      tags: row.tags,
      queuedAt: row.status === 'open' && row.assigneeId === null ? row.queuedAt : null,
      awaitingReplySince: row.awaitingReplySince,
      ticketSince: row.ticketSince,
      state: stateOf(row),
      snoozedUntil: row.snoozedUntil,
      missedAt: row.missedAt,
      visitorLeftAt: row.status === 'open' ? row.visitorLeftAt : null,
      rating: this.endedRating(row),
      visitorReadSeq: row.visitorReadSeq,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  private buildVisitorConversation(row: ConversationRow): VisitorConversation {
    const agentIds = [...(row.assigneeId && row.status === 'open' ? [row.assigneeId] : []), ...row.guestIds];
    return {
      id: row.id,
      status: row.status,
      origin: row.origin,
      lastSeq: row.lastVisitorSeq,
      createdAt: row.createdAt,
      agents:
        row.status === 'open'
          ? agentIds.flatMap((id) => {
              const ref = this.team.agentRef(row.siteId, id);
              if (!ref) return [];
              // The id goes with a picture only: the widget finds the picture for the author of a run of messages.
              const picture = this.team.pictureOf(row.siteId, ref.id);
              return [picture ? { id: ref.id, name: ref.name, picture } : { name: ref.name }];
            })
          : [],
      queue: this.queue.infoFor(row),
      agentReadSeq: row.agentReadSeq,
    };
  }

  agentPage(page: Page) {
    return { conversation: this.summary(page.conversation), events: page.events.map(toEvent), hasMore: page.hasMore };
  }

  visitorPage(page: Page) {
    return {
      conversation: this.visitorConversation(page.conversation),
      events: page.events.flatMap((e) => toVisitorEvent(e) ?? []),
      hasMore: page.hasMore,
    };
  }

  agentSent(appended: Appended) {
    return { event: toMessageEvent(toEvent(appended.event)), conversation: this.summary(appended.conversation) };
  }

  visitorSent(appended: Appended) {
    return {
      event: toMessageEvent(toVisitorEvent(appended.event)),
      conversation: this.visitorConversation(appended.conversation),
    };
  }

  agentChanged(appended: Appended) {
    return { event: toEvent(appended.event), conversation: this.summary(appended.conversation) };
  }

  visitorChanged(appended: Appended) {
    const event = toVisitorEvent(appended.event);
    if (!event) throw new Error('an internal event has no visitor view');
    return { event, conversation: this.visitorConversation(appended.conversation) };
  }

  private guests(row: ConversationRow) {
    return row.guestIds.flatMap((id) => this.team.agentRef(row.siteId, id) ?? []);
  }
}

/** The agent's word for where a conversation stands: the stored status plus its hold. */
export function stateOf(row: ConversationRow): ConversationState {
  if (row.status === 'closed') return 'resolved';
  return row.hold ?? 'open';
}

function lastMessageOf(row: ConversationRow): ConversationSummary['lastMessage'] {
  return row.lastMessageAt !== null && row.lastMessageAuthor !== null
    ? { body: row.lastMessageBody ?? '', authorKind: row.lastMessageAuthor, createdAt: row.lastMessageAt }
    : null;
}
