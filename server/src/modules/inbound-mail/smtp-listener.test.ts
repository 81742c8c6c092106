import { createTransport } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectAgentAs, SHOP_ORIGIN, startTestServer, visitorCommand, type AgentSocket, type TestServer } from '../../testing/harness.ts';
import { replyAddress } from '../email/index.ts';
import {
  agentHears,
  heardByAgent,
  heardByWidget,
  listenOnFreePort,
  refusal,
  REPLY_DOMAIN,
  shopperInConversation,
  visitorMessages,
  type Shopper,
} from './mail-fixture.ts';
import type { SmtpListener } from './smtp-listener.ts';
import { loadMail } from '../../config.ts';

let server: TestServer;
let smtp: SmtpListener;
let agent: AgentSocket;
let anna: Shopper;
const errors: unknown[] = [];
let logLines: string[];

const QUOTED_REPLY = [
  'Sí, la 42 em va bé. Me la guardeu fins dissabte?',
  '',
  '--',
  'Anna Puig',
  'Barcelona',
  '',
  'El dv., 5 de des. 2026 a les 10:00, Test shop <reply@shop.example> va escriure:',
  '> Hola Anna, tenim la 42 en blau.',
  '> Vols que te la reservem?',
].join('\n');

beforeEach(async () => {
  logLines = [];
  server = await startTestServer(
    { logLevel: 'info', mail: loadMail({ MAIL_REPLY_DOMAIN: REPLY_DOMAIN }, 3000) },
    { logStream: { write: (line) => void logLines.push(line) } },
  );
  agent = await connectAgentAs(server, server.agentEmail);
  anna = await shopperInConversation(server, 'Anna@Example.com');
  smtp = await listenOnFreePort(server, errors);
});

afterEach(async () => {
  agent.disconnect();
  anna.socket.disconnect();
  await smtp.close();
  await server.close();
  expect(errors.splice(0)).toEqual([]);
});

/** A real SMTP client (nodemailer) talking to the listener. */
function send(mail: { from: string; to: string; text: string; messageId?: string; headers?: Record<string, string> }) {
  const transport = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
  return transport.sendMail({ subject: 'Re: La teva consulta', ...mail }).finally(() => transport.close());
}

describe('the SMTP listener', () => {
  it('threads a reply into its conversation once, without the quote or the signature, live in the console and the widget', async () => {
    const inConsole = heardByAgent(agent);
    const inWidget = heardByWidget(anna.socket);
    const mail = { from: 'Anna Puig <anna@example.com>', to: anna.replyTo, text: QUOTED_REPLY, messageId: '<reply-1@mail.example>' };

    const first = await send(mail);
    expect(first.accepted).toEqual([anna.replyTo]);
    // The provider (or a client) sends it again: accepted, stored once.
    const again = await send(mail);
    expect(again.accepted).toEqual([anna.replyTo]);

    const marker = agentHears(agent, 'marker after the replies');
    await visitorCommand(anna.socket, 'message:send', { clientId: 'marker-after-1', body: 'marker after the replies' });
    await marker;
    const reply = 'Sí, la 42 em va bé. Me la guardeu fins dissabte?';
    expect(inConsole).toEqual([reply, 'marker after the replies']);
    expect(inWidget).toEqual([reply]);
    expect(await visitorMessages(server, anna)).toEqual(['Teniu la talla 42?', reply, 'marker after the replies']);
  });

  it('refuses a forged sender after DATA with 550, the same answer as another site’s conversation, and stores nothing', async () => {
    const forged = await refusal(
      send({ from: 'mallory@evil.example', to: anna.replyTo, text: 'Cancel my order', messageId: '<forged@evil.example>' }),
    );
    expect(forged.responseCode).toBe(550);
    expect(forged.command).toBe('DATA');

    // Another shop's shopper, with her own address, writing to Anna's conversation and Anna to hers.
    const other = await server.app.services.sites.create({ name: 'Other shop', allowedOrigins: [SHOP_ORIGIN] });
    const bob = await shopperInConversation(server, 'bob@example.com', other.key);
    const foreign = await refusal(send({ from: 'bob@example.com', to: anna.replyTo, text: 'Hello', messageId: '<bob-1@mail.example>' }));
    const crossed = await refusal(send({ from: 'anna@example.com', to: bob.replyTo, text: 'Hello', messageId: '<anna-2@mail.example>' }));
    bob.socket.disconnect();
    expect([foreign.responseCode, foreign.response]).toEqual([forged.responseCode, forged.response]);
    expect([crossed.responseCode, crossed.response]).toEqual([forged.responseCode, forged.response]);

    expect(await visitorMessages(server, anna)).toEqual(['Teniu la talla 42?']);
    expect(await visitorMessages(server, bob)).toEqual(['Teniu la talla 42?']);
  });

  it('refuses an unknown recipient at RCPT with 550, whether another domain, a malformed token or a missing conversation', async () => {
    const missing = replyAddress(`cnv_${Buffer.alloc(12, 7).toString('base64url')}`, REPLY_DOMAIN);
    for (const to of [
      'someone@example.org',
      `reply+nothex@${REPLY_DOMAIN}`,
      missing,
      anna.replyTo.replace(REPLY_DOMAIN, 'other.example'),
    ]) {
      const refused = await refusal(send({ from: 'anna@example.com', to, text: 'Hola' }));
      expect([to, refused.responseCode, refused.command]).toEqual([to, 550, 'RCPT TO']);
    }
    expect(await visitorMessages(server, anna)).toEqual(['Teniu la talla 42?']);
    const notes = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.msg === 'inbound mail not threaded');
    expect(notes.map(({ via, reason, conversationId }) => [via, reason, conversationId])).toEqual([
      ['smtp', 'recipient', null],
      ['smtp', 'recipient', null],
      ['smtp', 'recipient', expect.stringMatching(/^cnv_/)],
      ['smtp', 'recipient', null],
    ]);
  });

  it('takes one reply address per message, deferring a second with 452', async () => {
    const bea = await shopperInConversation(server, 'bea@example.com');
    const sent = await send({
      from: 'anna@example.com',
      to: `${anna.replyTo}, ${bea.replyTo}`,
      text: 'Per a les dues',
      messageId: '<two@mail.example>',
    });
    bea.socket.disconnect();
    expect(sent.accepted).toEqual([anna.replyTo]);
    expect(sent.rejected).toEqual([bea.replyTo]);
    expect(await visitorMessages(server, anna)).toEqual(['Teniu la talla 42?', 'Per a les dues']);
  });

  it('drops an out-of-office answer without bouncing it, and refuses a message over the size limit with 552', async () => {
    const autoReply = await send({
      from: 'anna@example.com',
      to: anna.replyTo,
      text: 'Sóc de vacances fins dilluns.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(autoReply.accepted).toEqual([anna.replyTo]);
    const tooBig = await refusal(send({ from: 'anna@example.com', to: anna.replyTo, text: 'x'.repeat(70 * 1024) }));
    expect(tooBig.responseCode).toBe(552);
    const onlyQuote = await refusal(send({ from: 'anna@example.com', to: anna.replyTo, text: '> Hola Anna\n> Vols la 42?' }));
    expect(onlyQuote.responseCode).toBe(550);

    expect(await visitorMessages(server, anna)).toEqual(['Teniu la talla 42?']);
  });

  it('offers STARTTLS, so a sending server that insists on encryption delivers too', async () => {
    const transport = createTransport({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
    });
    const sent = await transport
      .sendMail({ from: 'anna@example.com', to: anna.replyTo, subject: 'Re', text: 'Xifrat, gràcies', messageId: '<tls@mail.example>' })
      .finally(() => transport.close());
    expect(sent.accepted).toEqual([anna.replyTo]);
    expect(await visitorMessages(server, anna)).toEqual(['Teniu la talla 42?', 'Xifrat, gràcies']);
  });

  it('opens a new conversation, as the widget does, when the shopper answers after the chat was closed; it started by email', async () => {
    const closed = await visitorCommand(anna.socket, 'conversation:close', { conversationId: anna.conversationId });
    expect(closed.ok).toBe(true);
    const inConsole = heardByAgent(agent);

    await send({
      from: 'anna@example.com',
      to: anna.replyTo,
      text: 'Una altra pregunta: feu enviaments a Andorra?',
      messageId: '<later@mail.example>',
    });

    const reopened = (await server.app.services.conversations.openForVisitor(anna.siteId, anna.visitorId))!;
    expect(reopened.id).not.toBe(anna.conversationId);
    // The reports count it under "by email"; the widget's own message after a close starts "by the visitor".
    expect(reopened.origin).toBe('email');
    expect(await visitorMessages(server, anna, reopened.id)).toEqual(['Una altra pregunta: feu enviaments a Andorra?']);
    expect(await visitorMessages(server, anna)).toEqual(['Teniu la talla 42?']);
    const marker = agentHears(agent, 'marker after reopening');
    await visitorCommand(anna.socket, 'message:send', { clientId: 'marker-after-2', body: 'marker after reopening' });
    await marker;
    expect(inConsole).toEqual(['Una altra pregunta: feu enviaments a Andorra?', 'marker after reopening']);
  });
});
