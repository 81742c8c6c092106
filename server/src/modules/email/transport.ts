import type { Transporter } from 'nodemailer';
import type { SmtpConfig } from '../../config.ts';

export interface OutgoingMail {
  from: string;
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The envelope sender (MAIL FROM), where bounces go; null: the From address, as nodemailer does by default. */
  envelopeFrom: string | null;
}

/** What a delivery attempt came to: delivered, or failed for now (retry) or for good (SMTP 5xx). */
export type DeliveryOutcome = { ok: true } | { ok: false; permanent: boolean; error: string };

/** Where mail goes: an SMTP server, or the local mailbox of the demo. */
export interface MailTransport {
  readonly via: 'smtp' | 'mailbox';
  send(mail: OutgoingMail): Promise<DeliveryOutcome>;
  close(): void;
}

/** With no SMTP server configured, a mail is delivered by staying in the outbox table, where admins read it. */
export class MailboxTransport implements MailTransport {
  readonly via = 'mailbox';

  send(): Promise<DeliveryOutcome> {
    return Promise.resolve({ ok: true });
  }

  close(): void {}
}

/** Nodemailer over SMTP: one connection per mail, so a restarted server or a dropped link costs one retry at most. */
export class SmtpTransport implements MailTransport {
  readonly via = 'smtp';
  // nodemailer loads with the transport, off the start's path (a few hundred milliseconds there).
  readonly #transporter: Promise<Transporter>;

  constructor(config: SmtpConfig) {
    this.#transporter = import('nodemailer').then(({ createTransport }) =>
      createTransport({
        host: config.host,
        port: config.port,
        secure: config.secure,
        ...(config.user ? { auth: { user: config.user, pass: config.pass ?? '' } } : {}),
        connectionTimeout: 30_000,
        greetingTimeout: 30_000,
        socketTimeout: 60_000,
      }),
    );
    // A missing nodemailer fails each send (retried by the outbox), not the process as an unhandled rejection.
    this.#transporter.catch(() => undefined);
  }

  async send(mail: OutgoingMail): Promise<DeliveryOutcome> {
    try {
      await (await this.#transporter).sendMail({
        from: mail.from,
        to: mail.to,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        ...(mail.envelopeFrom ? { envelope: { from: mail.envelopeFrom, to: mail.to } } : {}),
      });
      return { ok: true };
    } catch (err) {
      const code = (err as { responseCode?: unknown }).responseCode;
      const message = err instanceof Error ? err.message : String(err);
      // 5xx: the server refused for good (no such mailbox, policy). Anything else, 4xx or a network failure, may pass later.
      return { ok: false, permanent: typeof code === 'number' && code >= 500 && code < 600, error: message.slice(0, 500) };
    }
  }

  close(): void {
    this.#transporter.then((transporter) => transporter.close()).catch(() => undefined);
  }
}
