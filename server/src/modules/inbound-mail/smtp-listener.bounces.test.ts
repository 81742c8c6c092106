import { createTransport } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEmails } from '@mostrador/shared';
import { loadMail } from '../../config.ts';
import { AGENT_PASSWORD, login, startTestServer, visitorCommand, type TestServer } from '../../testing/harness.ts';
import { TestSmtp } from '../../testing/test-smtp.ts';
import { bounceAddress } from '../email/index.ts';
import { listenOnFreePort, refusal, REPLY_DOMAIN, shopperInConversation, visitorMessages, type Shopper } from './mail-fixture.ts';
import type { SmtpListener } from './smtp-listener.ts';

let outgoing: TestSmtp;
let server: TestServer;
let listener: SmtpListener;
let anna: Shopper;
const errors: unknown[] = [];

beforeEach(async () => {
  outgoing = await new TestSmtp().start();
  server = await startTestServer({
    mail: {
      ...loadMail({ MAIL_REPLY_DOMAIN: REPLY_DOMAIN }, 0),
      from: 'Botiga <botiga@shop.example>',
      workerIntervalMs: 0,
      smtp: { host: '127.0.0.1', port: outgoing.port, secure: false, user: null, pass: null },
    },
  });
  anna = await shopperInConversation(server, 'anna@example.com');
  listener = await listenOnFreePort(server, errors);
});

afterEach(async () => {
  anna.socket.disconnect();
  await listener.close();
  await server.close();
  await outgoing.close();
  expect(errors.splice(0)).toEqual([]);
});

/** Anna asks for her transcript; it goes out to the outgoing SMTP server; its envelope sender is returned. */
async function transcriptSent(): Promise<string> {
  const asked = await visitorCommand(anna.socket, 'transcript:email', { conversationId: anna.conversationId });
  expect(asked.ok).toBe(true);
  await server.app.services.email.outbox.deliverDue();
  expect(outgoing.received.map((mail) => mail.from?.value[0]?.address)).toEqual(['botiga@shop.example']);
  return outgoing.envelopeFrom[0]!;
}

/** A delivery status notification (RFC 3464) as a receiving MTA sends it back, quoting the mail it returns. */
function dsn(to: string) {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>',
    `To: ${to}`,
    'Subject: Undelivered Mail Returned to Sender',
    'Message-ID: <dsn-1@mx.example.com>',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    '',
    '--B',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'This is the mail system at host mx.example.com.',
    "I'm sorry to have to inform you that your message could not be delivered.",
    '',
    '--B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.com',
    '',
    'Final-Recipient: rfc822; anna@example.com',
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 <anna@example.com>: Recipient address',
    '    rejected: User unknown',
    '',
    '--B',
    'Content-Type: message/rfc822',
    '',
    'From: Botiga <botiga@shop.example>',
    'To: anna@example.com',
    'Subject: La teva conversa',
    '',
    'Teniu la talla 42?',
    '--B--',
    '',
  ].join('\r\n');
}

/** A real SMTP client (nodemailer) handing a DSN to the listener, from the null-ish sender a mailer daemon uses. */
function bounce(to: string, raw = dsn(to)) {
  const transport = createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
  return transport.sendMail({ envelope: { from: 'MAILER-DAEMON@mx.example.com', to }, raw }).finally(() => transport.close());
}

async function emailsOf(conversationId: string): Promise<Response> {
  const cookie = await login(server.url, server.agentEmail, AGENT_PASSWORD);
  return fetch(`${server.url}/api/conversations/${conversationId}/emails`, { headers: { cookie } });
}

describe('bounces (VERP) through the SMTP listener', () => {
  it('sends with a bounce+<token> envelope sender, and a DSN to it shows the mail bounced on the conversation, with a short reason', async () => {
    const bounceTo = await transcriptSent();
    expect(bounceTo).toMatch(new RegExp(`^bounce\\+[0-9a-f]{24}@${REPLY_DOMAIN.replace(/\./g, '\\.')}$`));

    const accepted = await bounce(bounceTo.toUpperCase().replace(REPLY_DOMAIN.toUpperCase(), REPLY_DOMAIN));
    expect(accepted.accepted).toHaveLength(1);

    const res = await emailsOf(anna.conversationId);
    expect(res.status).toBe(200);
    const { emails } = (await res.json()) as ConversationEmails;
    expect(emails.map((e) => [e.kind, e.status, e.error])).toEqual([
      ['transcript', 'bounced', '550 5.1.1 <anna@example.com>: Recipient address rejected: User unknown'],
    ]);
    // A DSN is not a reply: Anna's conversation gained no message.
    expect(await visitorMessages(server, anna)).toEqual(['Teniu la talla 42?']);
  });

  it('falls back to the Status, then to the first line of the human text, when a DSN has no diagnostic', async () => {
    const bounceTo = await transcriptSent();
    const noDiagnostic = dsn(bounceTo).replace(/Diagnostic-Code:.*\r\n.*\r\n/, '');
    await bounce(bounceTo, noDiagnostic);
    const first = (await ((await emailsOf(anna.conversationId)).json() as Promise<ConversationEmails>)).emails[0]!;
    expect([first.status, first.error]).toEqual(['bounced', 'Status 5.1.1']);

    // No delivery-status fields at all: the human part's first line, never the returned mail (which quotes the chat).
    await bounce(bounceTo, noDiagnostic.replace('Status: 5.1.1\r\n', ''));
    const second = (await ((await emailsOf(anna.conversationId)).json() as Promise<ConversationEmails>)).emails[0]!;
    expect(second.error).toBe('This is the mail system at host mx.example.com.');

    const plain = [
      'From: MAILER-DAEMON@mx.example.com',
      `To: ${bounceTo}`,
      'Subject: failure',
      '',
      '',
      '  Mailbox full  ',
      'More text',
      '',
    ].join('\r\n');
    await bounce(bounceTo, plain);
    const third = (await ((await emailsOf(anna.conversationId)).json() as Promise<ConversationEmails>)).emails[0]!;
    expect(third.error).toBe('Mailbox full');
  });

  it('refuses an unknown token, a tampered one, another domain and a reply address sent a DSN alike, changing nothing', async () => {
    const bounceTo = await transcriptSent();
    const token = /^bounce\+([0-9a-f]{24})@/.exec(bounceTo)![1]!;
    const tampered = `bounce+${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}@${REPLY_DOMAIN}`;
    const unknown = await refusal(bounce(`bounce+${'0'.repeat(24)}@${REPLY_DOMAIN}`));
    expect([unknown.responseCode, unknown.command]).toEqual([550, 'RCPT TO']);
    for (const to of [tampered, `bounce+${token}@elsewhere.example`, `bounce+${token}x@${REPLY_DOMAIN}`]) {
      const refused = await refusal(bounce(to));
      expect([refused.responseCode, refused.command, refused.response]).toEqual([unknown.responseCode, unknown.command, unknown.response]);
    }
    // A DSN sent to the conversation's reply address is not the shopper writing: refused after DATA, stored nowhere.
    const toReply = await refusal(bounce(anna.replyTo));
    expect(toReply.responseCode).toBe(550);

    // Nothing changed; then the real address (a later marker) still works.
    const before = (await ((await emailsOf(anna.conversationId)).json() as Promise<ConversationEmails>)).emails;
    expect(before.map((e) => [e.status, e.error])).toEqual([['sent', null]]);
    await bounce(bounceTo);
    const after = (await ((await emailsOf(anna.conversationId)).json() as Promise<ConversationEmails>)).emails;
    expect(after.map((e) => e.status)).toEqual(['bounced']);
  });

  it('a mail not yet sent has no bounce address that is taken', async () => {
    const asked = await visitorCommand(anna.socket, 'transcript:email', { conversationId: anna.conversationId });
    expect(asked.ok).toBe(true);
    const [pending] = (await ((await emailsOf(anna.conversationId)).json() as Promise<ConversationEmails>)).emails;
    expect(pending!.status).toBe('pending');
    const refused = await refusal(bounce(bounceAddress(pending!.id, REPLY_DOMAIN)));
    expect([refused.responseCode, refused.command]).toEqual([550, 'RCPT TO']);
  });
});
