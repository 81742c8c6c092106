import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on port 0 for tests: it answers each mail with the next
 * planned code (4xx: try later, 5xx: refused for good), then accepts, and
 * keeps what it accepted, parsed.
 */
export class TestSmtp {
  readonly received: ParsedMail[] = [];
  /** Each accepted mail's envelope sender (MAIL FROM), in the order of `received`. */
  readonly envelopeFrom: string[] = [];
  readonly #planned: number[] = [];
  readonly #server: SMTPServer;
  port = 0;

  constructor() {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const code = this.#planned.shift();
          if (code !== undefined) {
            callback(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code }));
            return;
          }
          void simpleParser(Buffer.concat(chunks)).then((mail) => {
            this.received.push(mail);
            this.envelopeFrom.push(session.envelope.mailFrom ? session.envelope.mailFrom.address : '');
            callback();
          }, callback);
        });
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.server.address() as AddressInfo).port;
    return this;
  }

  /** The next mails will be answered with these codes, in order. */
  answerNext(...codes: number[]): void {
    this.#planned.push(...codes);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
