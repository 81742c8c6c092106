import { randomBytes } from 'node:crypto';
import type { ConversationEmail, Mailbox } from '@mostrador/shared';
import { andThen, type InTx, type Tx } from '../../db/committer.ts';
import { newId } from '../../db/ids.ts';
import { bounceAddress, outboxIdFromBounceAddress } from './reply-address.ts';
import type { OutboxRepository, OutboxRow } from './outbox.repository.ts';
import type { MailTransport } from './transport.ts';

export interface OutboxOptions {
  /** The first retry's delay; each further one doubles it. */
  retryBaseMs: number;
  /** Attempts before a mail that keeps failing for now is given up on. */
  maxAttempts: number;
  /** The domain in Message-ID headers. */
  messageIdDomain: string;
  /** The domain of the VERP envelope sender `bounce+<token>@…` (the reply domain); null: bounces go to the From address. */
  bounceDomain: string | null;
}

/** A mail to queue: rendered already, addressed, tied to its conversation. */
export type QueuedMail = Pick<
  OutboxRow,
  'siteId' | 'conversationId' | 'visitorId' | 'kind' | 'toAddress' | 'fromAddress' | 'replyTo' | 'subject' | 'text' | 'html'
>;

/** The longest wait between two attempts, however many failed. */
const MAX_BACKOFF_MS = 6 * 3_600_000;
/** Mail tried per worker pass; the rest waits for the next pass. */
const BATCH = 20;
const MAILBOX_LIMIT = 100;
/**
 * How long a claimed mail is another worker's to leave alone: longer than
 * one send can take (the SMTP transport gives up after 30 s to connect, 30 s
 * for the greeting, 60 s of silence). A worker that dies mid-send hands the
 * mail on after it.
 */
export const CLAIM_LEASE_MS = 10 * 60_000;

/**
 * The persisted outbox: a mail is a row before anything is sent, so a
 * restart loses nothing (a mail being sent at the moment of a crash may go
 * out twice, never zero times). Temporary failures are retried with
 * exponential backoff; a permanent one (SMTP 5xx), a bounce, or too many
 * attempts leave the row `failed` or `bounced`, which the console shows on
 * the conversation. Every node's worker may deliver: each mail is claimed
 * for one attempt before it is sent (`claimDue`), so one mail goes out once.
 */
export class OutboxService {
  #delivering: Promise<void> | null = null;

  constructor(
    private readonly repo: OutboxRepository,
    private readonly transport: MailTransport,
    private readonly options: OutboxOptions,
  ) {}

  /** Queues a mail; must run inside the caller's transaction (the group commit), with whatever made it due. */
  enqueueInTx(tx: Tx, mail: QueuedMail, now: number): InTx<OutboxRow> {
    const row = this.#row(mail, now);
    return andThen(this.repo.insertInTx(tx, row), () => row);
  }

  /** Queues a mail unless its conversation already has `cap` of its kind (null then); the count and the insert are one step. */
  enqueueCappedInTx(tx: Tx, mail: QueuedMail, now: number, cap: number): InTx<OutboxRow | null> {
    const row = this.#row(mail, now);
    return andThen(this.repo.insertCappedInTx(tx, row, cap), (inserted) => (inserted ? row : null));
  }

  #row(mail: QueuedMail, now: number): OutboxRow {
    return {
      ...mail,
      id: newId('eml'),
      status: 'pending',
      via: null,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      messageId: `<${randomBytes(12).toString('hex')}@${this.options.messageIdDomain}>`,
      createdAt: now,
      sentAt: null,
    };
  }

  /** Tries every due mail once; a pass already running is joined, not doubled. */
  deliverDue(now = Date.now()): Promise<void> {
    this.#delivering ??= this.#deliver(now).finally(() => {
      this.#delivering = null;
    });
    return this.#delivering;
  }

  async #deliver(now: number): Promise<void> {
    for (let tried = 0; tried < BATCH; tried++) {
      const leaseUntil = now + CLAIM_LEASE_MS;
      const row = await this.repo.claimDue(now, leaseUntil);
      if (!row) return;
      const outcome = await this.transport.send({
        from: row.fromAddress,
        to: row.toAddress,
        replyTo: row.replyTo,
        subject: row.subject,
        text: row.text,
        html: row.html,
        messageId: row.messageId,
        envelopeFrom: this.options.bounceDomain ? bounceAddress(row.id, this.options.bounceDomain) : null,
      });
      const attempts = row.attempts + 1;
      const at = Date.now();
      if (outcome.ok) {
        await this.repo.settle(row.id, leaseUntil, { status: 'sent', via: this.transport.via, attempts, sentAt: at, lastError: null });
      } else if (outcome.permanent || attempts >= this.options.maxAttempts) {
        await this.repo.settle(row.id, leaseUntil, { status: 'failed', attempts, lastError: outcome.error });
      } else {
        const backoff = Math.min(this.options.retryBaseMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
        await this.repo.settle(row.id, leaseUntil, { attempts, nextAttemptAt: at + backoff, lastError: outcome.error });
      }
    }
  }

  /**
   * Whether an address is the bounce address of a mail that went out (the
   * inbound SMTP listener's RCPT check). The token is the row id's random
   * bits, so only the mail's own bounce can name it; any other, a pending
   * row's or one of another domain answers false alike.
   */
  async takesBounce(address: string): Promise<boolean> {
    return (await this.#bouncedRow(address)) !== undefined;
  }

  /**
   * A delivery status notification that came back to a mail's bounce
   * address: the mail shows as bounced, with the reason, on its conversation.
   * False (and nothing changed) when the address names no mail that went out.
   */
  async bounced(address: string, reason: string): Promise<boolean> {
    const row = await this.#bouncedRow(address);
    if (!row) return false;
    await this.repo.markBounced(row.id, reason.slice(0, 500));
    return true;
  }

  async #bouncedRow(address: string): Promise<OutboxRow | undefined> {
    const id = this.options.bounceDomain ? outboxIdFromBounceAddress(address, this.options.bounceDomain) : null;
    const row = id ? await this.repo.byId(id) : undefined;
    return row && row.status !== 'pending' ? row : undefined;
  }

  /** The mail about one conversation, newest first, for the console. */
  async ofConversation(siteId: string, conversationId: string): Promise<ConversationEmail[]> {
    return (await this.repo.ofConversation(siteId, conversationId)).map((row) => ({
      id: row.id,
      kind: row.kind,
      to: row.toAddress,
      status: row.status,
      attempts: row.attempts,
      error: row.lastError,
      createdAt: row.createdAt,
      sentAt: row.sentAt,
    }));
  }

  /** The demo's local mailbox; empty when a real SMTP server is configured (mail went there). */
  async mailbox(siteId: string): Promise<Mailbox> {
    return {
      transport: this.transport.via,
      mails: (await this.repo.mailbox(siteId, MAILBOX_LIMIT)).map((row) => ({
        id: row.id,
        conversationId: row.conversationId,
        to: row.toAddress,
        from: row.fromAddress,
        replyTo: row.replyTo,
        subject: row.subject,
        text: row.text,
        html: row.html,
        sentAt: row.sentAt ?? row.createdAt,
      })),
    };
  }
}
