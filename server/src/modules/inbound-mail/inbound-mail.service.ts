import { createHash } from 'node:crypto';
import type { Result } from '@mostrador/shared';
import { conversationIdFromAddress } from '../email/index.ts';
import type { ReplyText } from './reply-text.ts';

/** One email, as either door (the SMTP listener or a provider's webhook) read it. */
export interface InboundMail {
  via: 'smtp' | 'mailgun';
  /** The envelope recipient: a `reply+<token>@<reply domain>` address. */
  recipient: string;
  /** The From header's bare address, if it has one. */
  from: string | null;
  messageId: string | null;
  /** The whole plain-text body, quotes and all. */
  text: string;
  subject: string;
  /** An out-of-office answer or other machine-sent mail (RFC 3834 Auto-Submitted, Precedence: auto_reply…). */
  autoSubmitted: boolean;
}

/** What became of a mail; each door turns it into its own answer (SMTP codes, HTTP statuses). */
export type Delivery =
  | { outcome: 'threaded'; conversationId: string }
  /** Taken and dropped: answering an auto-reply with a bounce would start a mail loop. */
  | { outcome: 'ignored' }
  /** Nothing left once quotes and signature are gone. */
  | { outcome: 'empty' }
  /** No such conversation, another site's, or not its visitor writing: all answer alike. */
  | { outcome: 'refused' };

export interface MailVisitor {
  siteId: string;
  visitorId: string;
  label: string;
}

/** What the inbound mail module needs from the others; app.ts connects them. */
export interface InboundMailPorts {
  /** The visitor of the conversation a reply address names, on whatever site it is; null when there is none. */
  conversation(conversationId: string): Promise<MailVisitor | null>;
  /** The addresses this visitor may write from: the offline form's contact and a verified identify's email. */
  visitorEmails(siteId: string, visitorId: string): string[];
  /** The conversations module's idempotent visitor send: a second call with the same client id stores nothing. */
  sendAsVisitor(visitor: MailVisitor, input: { clientId: string; body: string }): Promise<Result<{ conversationId: string }>>;
  /** Whether an address is the bounce address (VERP) of a mail the email module sent. */
  takesBounce(address: string): Promise<boolean>;
  /** Marks that mail bounced, with a short reason; false when the address names none. */
  bounced(address: string, reason: string): Promise<boolean>;
  /** A refused or dropped mail, noted without its body, subject or sender. */
  log(fields: { via: InboundMail['via']; outcome: Delivery['outcome']; conversationId: string | null; reason?: string }): void;
}

/**
 * Threads a shopper's email reply into their conversation, as their own
 * message, exactly once: its client id comes from the Message-ID, so a
 * provider's retry or the same mail by both doors finds the stored one.
 * A conversation that has closed meanwhile is handled as the widget handles
 * a message after close: it goes to the visitor's open conversation, or
 * opens a new one (routed, or a ticket when nobody can answer).
 */
export class InboundMailService {
  constructor(
    private readonly replyDomain: string | null,
    private readonly replyText: ReplyText,
    private readonly ports: InboundMailPorts,
  ) {}

  /** Whether an envelope recipient names a conversation here (the SMTP listener's RCPT check); a refusal is logged. */
  async accepts(recipient: string): Promise<boolean> {
    if ((await this.#visitorOf(recipient)) || (await this.ports.takesBounce(recipient))) return true;
    this.ports.log({ via: 'smtp', outcome: 'refused', conversationId: this.#conversationIdOf(recipient), reason: 'recipient' });
    return false;
  }

  /** Whether a recipient is a bounce address of ours: its mail is a delivery status notification, not a reply. */
  isBounce(recipient: string): Promise<boolean> {
    return this.ports.takesBounce(recipient);
  }

  /** A delivery status notification for one of our mails: it shows as bounced on its conversation. */
  async receiveBounce(recipient: string, reason: string): Promise<Delivery> {
    if (await this.ports.bounced(recipient, reason)) return { outcome: 'ignored' };
    this.ports.log({ via: 'smtp', outcome: 'refused', conversationId: null, reason: 'bounce' });
    return { outcome: 'refused' };
  }

  async receive(mail: InboundMail): Promise<Delivery> {
    const visitor = await this.#visitorOf(mail.recipient);
    const conversationId = this.#conversationIdOf(mail.recipient);
    if (!visitor || !this.#isVisitorWriting(visitor, mail.from)) {
      this.ports.log({ via: mail.via, outcome: 'refused', conversationId, reason: visitor ? 'sender' : 'recipient' });
      return { outcome: 'refused' };
    }
    if (mail.autoSubmitted) {
      this.ports.log({ via: mail.via, outcome: 'ignored', conversationId, reason: 'auto-submitted' });
      return { outcome: 'ignored' };
    }
    const body = await this.replyText.of(mail.text);
    if (!body) {
      this.ports.log({ via: mail.via, outcome: 'empty', conversationId });
      return { outcome: 'empty' };
    }
    const sent = await this.ports.sendAsVisitor(visitor, { clientId: clientIdOf(mail), body });
    if (!sent.ok) throw new Error(`inbound mail not threaded: ${sent.error.code}`);
    return { outcome: 'threaded', conversationId: sent.data.conversationId };
  }

  #conversationIdOf(recipient: string): string | null {
    return this.replyDomain ? conversationIdFromAddress(recipient, this.replyDomain) : null;
  }

  async #visitorOf(recipient: string): Promise<MailVisitor | null> {
    const conversationId = this.#conversationIdOf(recipient);
    return conversationId ? this.ports.conversation(conversationId) : null;
  }

  #isVisitorWriting(visitor: MailVisitor, from: string | null): boolean {
    if (!from) return false;
    const sender = from.trim().toLowerCase();
    return this.ports.visitorEmails(visitor.siteId, visitor.visitorId).some((email) => email.trim().toLowerCase() === sender);
  }
}

/**
 * The message's client id: a digest of its Message-ID (the same through
 * every door and every retry). A mail without one falls back to its sender,
 * subject and text, which a retry repeats too.
 */
export function clientIdOf(mail: Pick<InboundMail, 'messageId' | 'from' | 'subject' | 'text'>): string {
  const messageId = mail.messageId?.trim().replace(/^<|>$/g, '');
  const key = messageId ? `id:${messageId}` : `body:${mail.from ?? ''}\n${mail.subject}\n${mail.text}`;
  return `mail-${createHash('sha256').update(key).digest('base64url')}`;
}

/**
 * Machine-sent mail (RFC 3834): an out-of-office answer must not become the
 * shopper's message, nor be bounced (two robots would answer each other).
 */
export function isAutoSubmitted(header: (name: string) => string | undefined): boolean {
  const autoSubmitted = header('auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  const precedence = header('precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return true;
  return header('x-autoreply') !== undefined || header('x-autorespond') !== undefined;
}
