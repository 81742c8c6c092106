import { createHmac, randomBytes } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { REPLY_DOMAIN, shopperInConversation, visitorMessages, type Shopper } from './mail-fixture.ts';
import { MAILGUN_PATH } from './mailgun.routes.ts';
import { listenForMail } from './smtp-listener.ts';
import { loadMail } from '../../config.ts';

const SIGNING_KEY = 'key-test-0123456789abcdef';

let server: TestServer;
let anna: Shopper;
let logLines: string[];

beforeEach(async () => {
  logLines = [];
  server = await startTestServer(
    {
      logLevel: 'info',
      mail: loadMail({ MAIL_REPLY_DOMAIN: REPLY_DOMAIN }, 3000),
      inboundMail: {
        smtpPort: null,
        smtpHost: '127.0.0.1',
        smtpTlsKeyFile: null,
        smtpTlsCertFile: null,
        maxBytes: 256 * 1024,
        mailgunSigningKey: SIGNING_KEY,
      },
    },
    { logStream: { write: (line) => void logLines.push(line) } },
  );
  anna = await shopperInConversation(server, 'anna@example.com');
});

afterEach(async () => {
  anna.socket.disconnect();
  await server.close();
});

/** Mailgun's signature fields, as its docs describe them: HMAC-SHA256(signing key, timestamp + token), hex. */
function signed(at = Date.now(), key = SIGNING_KEY) {
  const timestamp = String(Math.floor(at / 1000));
  const token = randomBytes(25).toString('hex');
  return {
    timestamp,
    token,
    signature: createHmac('sha256', key)
      .update(timestamp + token)
      .digest('hex'),
  };
}

/** A route's forward() of a parsed message, urlencoded as Mailgun posts one without attachments. */
function forward(fields: Record<string, string>, signature = signed()) {
  const form = {
    recipient: anna.replyTo,
    sender: 'anna@example.com',
    from: 'Anna Puig <anna@example.com>',
    subject: 'Re: La teva consulta',
    'body-plain': 'Perfecte, gràcies!\n\nOn Fri, Dec 5, 2026 at 10:00 AM Test shop <reply@shop.example> wrote:\n> Ja la tens reservada.\n',
    'stripped-text': 'Perfecte, gràcies!',
    'Message-Id': '<mg-1@mail.example>',
    'message-headers': JSON.stringify([
      ['Message-Id', '<mg-1@mail.example>'],
      ['Subject', 'Re: La teva consulta'],
    ]),
    ...signature,
    ...fields,
  };
  return server.app.inject({
    method: 'POST',
    url: MAILGUN_PATH,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
}

describe('the Mailgun webhook', () => {
  it('threads a signed reply without its quote, and a retry (new token, same Message-Id) stores nothing more', async () => {
    const first = await forward({});
    expect([first.statusCode, first.json()]).toEqual([200, { ok: true }]);
    const retry = await forward({});
    expect(retry.statusCode).toBe(200);
    expect(await visitorMessages(server, anna)).toEqual(['Teniu la talla 42?', 'Perfecte, gràcies!']);
  });

  it('refuses a bad signature, a replayed token and a stale timestamp with 401, storing nothing', async () => {
    const wrongKey = await forward({ 'Message-Id': '<bad@mail.example>' }, signed(Date.now(), 'key-someone-else'));
    expect([wrongKey.statusCode, wrongKey.json().error.code]).toEqual([401, 'unauthorized']);
    const unsigned = await forward({ 'Message-Id': '<bad@mail.example>', signature: '' });
    expect(unsigned.statusCode).toBe(401);

    const captured = signed();
    expect((await forward({ 'Message-Id': '<once@mail.example>' }, captured)).statusCode).toBe(200);
    const replayed = await forward({ 'Message-Id': '<replayed@mail.example>', 'body-plain': 'Cancel my order' }, captured);
    expect([replayed.statusCode, replayed.json().error.message]).toEqual([401, 'Token already used']);

    const stale = await forward({ 'Message-Id': '<stale@mail.example>', 'body-plain': 'Too late' }, signed(Date.now() - 20 * 60_000));
    expect([stale.statusCode, stale.json().error.message]).toEqual([401, 'Stale timestamp']);

    expect(await visitorMessages(server, anna)).toEqual(['Teniu la talla 42?', 'Perfecte, gràcies!']);
  });

  it('takes one signed request sent twice at once only once', async () => {
    const captured = signed();
    const both = await Promise.all([forward({}, captured), forward({}, captured)]);
    expect(both.map((res) => res.statusCode).sort()).toEqual([200, 401]);
    expect(await visitorMessages(server, anna)).toEqual(['Teniu la talla 42?', 'Perfecte, gràcies!']);
  });

  it('gives the token back when reading the mail fails (500), so Mailgun’s retry of it is taken', async () => {
    const captured = signed();
    vi.spyOn(server.app.services.inboundMail, 'receive').mockRejectedValueOnce(new Error('disk full'));
    expect((await forward({}, captured)).statusCode).toBe(500);
    expect((await forward({}, captured)).statusCode).toBe(200);
    expect(await visitorMessages(server, anna)).toEqual(['Teniu la talla 42?', 'Perfecte, gràcies!']);
  });

  it('answers 406 (Mailgun does not retry) to a forged sender, a missing conversation and a reply with no text', async () => {
    const forged = await forward({ from: 'Mallory <mallory@evil.example>', 'Message-Id': '<forged@mail.example>' });
    const missing = await forward({ recipient: `reply+${'0'.repeat(24)}@${REPLY_DOMAIN}`, 'Message-Id': '<missing@mail.example>' });
    expect([forged.statusCode, forged.json()]).toEqual([406, { error: { code: 'not_found', message: 'No conversation takes this mail' } }]);
    expect([missing.statusCode, missing.json()]).toEqual([forged.statusCode, forged.json()]);
    const empty = await forward({ 'body-plain': '> only the quote\n', 'Message-Id': '<empty@mail.example>' });
    expect(empty.statusCode).toBe(406);
    expect(await visitorMessages(server, anna)).toEqual(['Teniu la talla 42?']);

    // Logged with the reason and the conversation, never the body, the subject or who sent it.
    const notes = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.msg === 'inbound mail not threaded');
    expect(notes.map(({ via, outcome, reason, conversationId }) => ({ via, outcome, reason, conversationId }))).toEqual([
      { via: 'mailgun', outcome: 'refused', reason: 'sender', conversationId: anna.conversationId },
      { via: 'mailgun', outcome: 'refused', reason: 'recipient', conversationId: expect.stringMatching(/^cnv_/) },
      { via: 'mailgun', outcome: 'empty', reason: undefined, conversationId: anna.conversationId },
    ]);
    const logged = logLines.join('\n');
    for (const secret of ['mallory', 'Perfecte', 'only the quote', 'La teva consulta']) expect(logged).not.toContain(secret);
  });

  it('reads a multipart post (a reply with an attachment), dropping the attachment', async () => {
    const form = new FormData();
    const fields = {
      recipient: anna.replyTo,
      from: 'anna@example.com',
      subject: 'Re: foto',
      'body-plain': 'Aquesta és la talla.',
      'Message-Id': '<photo@mail.example>',
      ...signed(),
    };
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('attachment-1', new Blob([randomBytes(20_000)], { type: 'image/jpeg' }), 'talla.jpg');
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const res = await server.app.inject({
      method: 'POST',
      url: MAILGUN_PATH,
      headers: { 'content-type': request.headers.get('content-type')! },
      payload: Buffer.from(await request.arrayBuffer()),
    });
    expect(res.statusCode).toBe(200);
    expect(await visitorMessages(server, anna)).toEqual(['Teniu la talla 42?', 'Aquesta és la talla.']);
  });

  it('stores a mail once when it arrives by SMTP and by the webhook alike', async () => {
    const smtp = await listenForMail(server.app.services.inboundMail, {
      port: 0,
      host: '127.0.0.1',
      maxBytes: 64 * 1024,
      log: () => undefined,
    });
    const transport = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: 'anna@example.com',
      to: anna.replyTo,
      subject: 'Re',
      text: 'Perfecte, gràcies!',
      messageId: '<both@mail.example>',
    });
    transport.close();
    await smtp.close();
    const posted = await forward({ 'Message-Id': '<both@mail.example>', 'message-headers': '[]' });
    expect(posted.statusCode).toBe(200);
    expect(await visitorMessages(server, anna)).toEqual(['Teniu la talla 42?', 'Perfecte, gràcies!']);
  });
});

describe('without a signing key', () => {
  it('answers 404, as if the route did not exist', async () => {
    const bare = await startTestServer({ mail: loadMail({ MAIL_REPLY_DOMAIN: REPLY_DOMAIN }, 3000) });
    const res = await bare.app.inject({
      method: 'POST',
      url: MAILGUN_PATH,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=b',
    });
    await bare.close();
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'not_found']);
  });
});
