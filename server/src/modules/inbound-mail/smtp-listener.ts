import type { Readable } from 'node:stream';
import type { ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { isAutoSubmitted, type Delivery, type InboundMailService } from './inbound-mail.service.ts';

export interface SmtpListenerOptions {
  port: number;
  host: string;
  /** The largest message taken; larger ones are refused with 552 and never buffered. */
  maxBytes: number;
  /** STARTTLS's key and certificate (PEM); without them, smtp-server's own self-signed pair. */
  tls?: { key: Buffer; cert: Buffer } | undefined;
  log: (err: unknown) => void;
}

export interface SmtpListener {
  /** The port it listens on (the one the OS chose, for port 0). */
  port: number;
  close(): Promise<void>;
}

/** An SMTP refusal: smtp-server answers with the code and the message. */
function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

const NO_SUCH_RECIPIENT = () => smtpError(550, '5.1.1 No such recipient here');
const REFUSED = () => smtpError(550, '5.7.1 This address does not take mail from you');
const EMPTY = () => smtpError(550, '5.6.0 No reply found above the quoted text');
const TOO_BIG = (max: number) => smtpError(552, `5.3.4 Message larger than ${max} bytes`);
/** RFC 5321 lets a server take fewer recipients: the client sends the rest in another transaction. */
const ONE_AT_A_TIME = () => smtpError(452, '4.5.3 One reply address per message, please send the others separately');

/**
 * The self-hoster's door for replies: an SMTP server (smtp-server, parsed by
 * mailparser) that takes mail only for `reply+…@<reply domain>` addresses of
 * conversations that exist, refusing any other recipient at RCPT (so it is
 * never an open relay), and answering after DATA with what the inbound mail
 * service made of the message. No AUTH, no relaying: it only receives.
 * STARTTLS is offered (with the configured certificate, or smtp-server's
 * self-signed one), never required. It also takes delivery status
 * notifications sent back to an outgoing mail's `bounce+…` envelope sender.
 */
export async function listenForMail(service: InboundMailService, options: SmtpListenerOptions): Promise<SmtpListener> {
  const server = new SMTPServer({
    ...options.tls,
    banner: 'Mostrador replies',
    size: options.maxBytes,
    authOptional: true,
    // STARTTLS is offered, so mail servers that encrypt opportunistically do; nothing requires it.
    disabledCommands: ['AUTH'],
    logger: false,
    maxClients: 50,
    socketTimeout: 60_000,
    onRcptTo(address, session, callback) {
      if (session.envelope.rcptTo.length > 0) return callback(ONE_AT_A_TIME());
      service.accepts(address.address).then(
        (accepted) => callback(accepted ? null : NO_SUCH_RECIPIENT()),
        (err: unknown) => {
          options.log(err);
          callback(smtpError(451, '4.3.0 Could not take the message now, try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      const recipient = session.envelope.rcptTo[0]?.address ?? '';
      deliver(service, stream, recipient, options.maxBytes).then(
        (error) => callback(error),
        (err: unknown) => {
          options.log(err);
          callback(smtpError(451, '4.3.0 Could not take the message now, try again later'));
        },
      );
    },
  });
  server.on('error', (err) => options.log(err));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function deliver(
  service: InboundMailService,
  stream: SMTPServerDataStream,
  recipient: string,
  maxBytes: number,
): Promise<Error | null> {
  const raw = await readAtMost(stream, maxBytes);
  if (raw === null || stream.sizeExceeded) return TOO_BIG(maxBytes);
  // Loaded with the first mail, not at start: most installs never receive one.
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true, keepDeliveryStatus: true });
  if (await service.isBounce(recipient)) return smtpAnswer(await service.receiveBounce(recipient, bounceReason(mail)));
  const header = (name: string) => {
    const value = mail.headers.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const delivery = await service.receive({
    via: 'smtp',
    recipient,
    from: mail.from?.value[0]?.address ?? null,
    messageId: mail.messageId ?? null,
    text: mail.text ?? '',
    subject: mail.subject ?? '',
    autoSubmitted: isAutoSubmitted(header),
  });
  return smtpAnswer(delivery);
}

const REASON_CHARS = 200;

/**
 * A bounce's reason, short: the delivery-status part's Diagnostic-Code (or
 * its Status), else the first line of the human-readable text. Never the
 * returned mail itself, which may quote the shopper's chat.
 */
export function bounceReason(mail: ParsedMail): string {
  const status = mail.attachments.find((part) => part.contentType === 'message/delivery-status')?.content.toString('utf8') ?? '';
  const field = (name: string) =>
    new RegExp(`^${name}:[ \\t]*(.+(?:\\r?\\n[ \\t].+)*)`, 'im').exec(status)?.[1]?.replace(/\s+/g, ' ').trim();
  const diagnostic = field('Diagnostic-Code')?.replace(/^smtp;\s*/i, '');
  const code = field('Status');
  const human = (mail.text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line !== '');
  const reason = diagnostic ?? (code ? `Status ${code}` : human) ?? 'Delivery failed';
  return reason.slice(0, REASON_CHARS);
}

function smtpAnswer(delivery: Delivery): Error | null {
  switch (delivery.outcome) {
    case 'threaded':
    case 'ignored':
      return null;
    case 'empty':
      return EMPTY();
    case 'refused':
      return REFUSED();
  }
}

/** The message's bytes, or null once it passes `max` (the rest is read and dropped, so the client hears the answer). */
async function readAtMost(stream: Readable, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
  }
  return size <= max ? Buffer.concat(chunks) : null;
}
