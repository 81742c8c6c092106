import { andThen, type Committer } from '../../db/committer.ts';
import type { EventData } from '../../db/schema.ts';
import type { MailComposer } from './mail-composer.ts';
import type { OutboxRepository } from './outbox.repository.ts';
import type { OutboxService } from './outbox.service.ts';

/** The little the mailer reads of a conversation and its events. */
export interface MailerConversation {
  id: string;
  siteId: string;
  visitorId: string;
  lastVisitorSeq: number;
  /** The visitor's read receipt: the highest (agents') seq they have seen in an open panel. */
  visitorReadSeq: number;
}
export interface MailerEvent {
  /** The agents' seq, the numbering of the visitor's read receipt. */
  seq: number;
  visitorSeq: number | null;
  type: string;
  authorKind: 'visitor' | 'agent' | 'system';
  authorName: string | null;
  body: string | null;
  data: EventData | null;
  createdAt: number;
}

/** What the reply mailer reads from other modules; app.ts connects it. */
export interface ReplyMailerPorts {
  /** Conversations whose last message is an agent's, since `since`. */
  agentRepliedSince(since: number): Promise<MailerConversation[]>;
  /** The visitor's log after their seq `afterVisitorSeq`, in order. */
  visitorEventsAfter(siteId: string, conversationId: string, afterVisitorSeq: number, limit: number): Promise<MailerEvent[]>;
}

/** Replies older than this are never emailed, whatever the watermark says (an upgrade does not mail old chats). */
const LOOKBACK_MS = 24 * 3_600_000;
const EVENTS_PER_PASS = 200;

/**
 * Emails agents' replies that the shopper has not seen. Off the message
 * path: a periodic pass reads conversations whose last message is an
 * agent's and compares them with a per-conversation watermark (the visitor
 * seq up to which replies were emailed or seen), so sending a message costs
 * no extra write.
 *
 * A reply counts as seen once the visitor's read receipt covers it (the
 * widget marks what it shows in an open panel of a visible page), so a
 * shopper who left, and one whose tab stayed open in the background, are
 * mailed alike. An unseen reply waits `delayMs`; the replies written
 * meanwhile go in the same mail.
 */
export class ReplyMailer {
  constructor(
    private readonly ports: ReplyMailerPorts,
    private readonly watermarks: OutboxRepository,
    private readonly outbox: OutboxService,
    private readonly composer: MailComposer,
    private readonly committer: Committer,
    private readonly delayMs: number,
  ) {}

  /** One pass; returns how many mails it queued. */
  async scan(now = Date.now()): Promise<number> {
    const candidates = await this.ports.agentRepliedSince(now - LOOKBACK_MS);
    const marks = await this.watermarks.watermarks(candidates.map((c) => c.id));
    let queued = 0;
    for (const conversation of candidates) {
      const mark = marks.get(conversation.id) ?? 0;
      if (conversation.lastVisitorSeq <= mark) continue;
      if (await this.#consider(conversation, mark, now)) queued += 1;
    }
    return queued;
  }

  async #consider(conversation: MailerConversation, mark: number, now: number): Promise<boolean> {
    const { siteId, id, visitorId } = conversation;
    const events = await this.ports.visitorEventsAfter(siteId, id, mark, EVENTS_PER_PASS);
    const through = events.at(-1)?.visitorSeq ?? mark;
    const unseen = events.filter((e) => e.type === 'message' && e.authorKind === 'agent' && e.seq > conversation.visitorReadSeq);
    const first = unseen[0];
    // Wait while the oldest unseen reply is younger than the delay: the shopper may come back, or more replies may join it.
    if (first && now - first.createdAt < this.delayMs) return false;

    const lines = unseen
      .filter((e) => !e.data?.noEmail && e.createdAt >= now - LOOKBACK_MS)
      .map((e) => ({
        fromVisitor: false,
        authorName: e.authorName ?? '',
        body: e.body ?? '',
        at: e.createdAt,
        files: e.data?.attachments,
        product: e.data?.product,
      }));
    const to = lines.length > 0 ? await this.composer.recipient(siteId, visitorId) : null;
    const mail = to ? await this.composer.compose(conversation, 'replies', to, lines) : null;
    await this.committer.run((tx) =>
      // Queued at the real time: `now` may be a test's view of the future, and the mail is due at once.
      andThen(mail ? this.outbox.enqueueInTx(tx, mail, Date.now()) : null, () =>
        this.watermarks.setWatermarkInTx(tx, { conversationId: id, siteId, visitorId, throughVisitorSeq: through }),
      ),
    );
    return mail !== null;
  }
}
