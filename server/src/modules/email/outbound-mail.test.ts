import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationEmails, Mailbox } from '@mostrador/shared';
import { loadMail, type MailConfig } from '../../config.ts';
import {
  addAgent,
  agentCommand,
  AGENT_PASSWORD,
  connectAgentAs,
  connectVisitorSession,
  login,
  startTestServer,
  visitorCommand,
  productMarkup,
  sqlOn,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { replyAddress } from './reply-address.ts';
import { TestSmtp } from '../../testing/test-smtp.ts';

let server: TestServer;
let smtp: TestSmtp | undefined;
const sockets: Array<VisitorSocket | AgentSocket> = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
  await smtp?.close();
  smtp = undefined;
});

const DELAY_MS = 120_000;

/** Mail settings for a test: the worker is driven by hand, so nothing depends on timers. */
function mailConfig(overrides: Partial<MailConfig> = {}): MailConfig {
  return {
    ...loadMail({}, 0),
    from: 'Botiga <botiga@shop.example>',
    replyDomain: 'mail.shop.example',
    replyDelayMs: DELAY_MS,
    workerIntervalMs: 0,
    retryBaseMs: 1000,
    ...overrides,
  };
}

async function withSmtp(overrides: Partial<MailConfig> = {}) {
  smtp = await new TestSmtp().start();
  server = await startTestServer({
    visitorLeaveGraceMs: 0,
    mail: mailConfig({ smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: null, pass: null }, ...overrides }),
  });
  await server.app.services.sites.update(siteId(), { name: 'Botiga Núria' });
  return smtp;
}

const siteId = () => server.app.services.sites.byKey(server.siteKey)!.id;
const email = () => server.app.services.email;

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never happened: ${what}`);
}

const JERSEI = { name: 'Jersei de llana', sku: 'JER-M', price: 59.9, currency: 'EUR', image: null, availability: null };

/**
 * A shopper who left an email in the offline form, on a product page, in
 * Catalan, chatting with Marta; then the shopper closes the tab.
 */
async function shopperWhoLeft() {
  const agent = await connectAgentAs(server, server.agentEmail);
  sockets.push(agent);
  const visitor = await connectVisitorSession(server);
  await visitorCommand(visitor.socket, 'page:viewed', {
    url: 'https://shop.example/p/jersei?talla=m',
    title: 'Jersei',
    referrer: '',
    markup: productMarkup(JERSEI),
    language: 'ca-ES',
    timeZone: 'Europe/Madrid',
  });
  expect(await visitorCommand(visitor.socket, 'visitor:contact', { email: 'anna@example.cat', name: 'Anna' })).toMatchObject({ ok: true });
  const sent = await visitorCommand(visitor.socket, 'message:send', { clientId: 'shopper-q-1', body: 'Teniu la talla M?' });
  if (!sent.ok) throw new Error(sent.error.message);
  expect(sent.data.conversation.agents).toEqual([{ name: 'Marta' }]);
  visitor.socket.disconnect();
  await until(() => !server.app.services.activity.isOnline(visitor.visitorId), 'the shopper has left');
  await until(
    async () => (await sqlOn(server.app.engine).value('SELECT count(*) FROM page_views WHERE visitor_id = ?', visitor.visitorId)) === 1,
    'the page is in the trail',
  );
  return { agent, visitor, conversationId: sent.data.conversation.id };
}

async function reply(agent: AgentSocket, conversationId: string, clientId: string, body: string, noEmail?: boolean) {
  const sent = await agentCommand(agent, 'message:send', { conversationId, clientId, body, ...(noEmail ? { noEmail } : {}) });
  if (!sent.ok) throw new Error(sent.error.message);
  return sent.data.event;
}

async function emailsOf(conversationId: string, cookie: string): Promise<ConversationEmails['emails']> {
  const res = await fetch(`${server.url}/api/conversations/${conversationId}/emails`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as ConversationEmails).emails;
}

describe('replies by email', () => {
  it('batches the replies a shopper who left has not seen into one multipart mail in their language, without the one marked "don’t email"', async () => {
    const server_ = await withSmtp();
    const { agent, conversationId } = await shopperWhoLeft();
    const first = await reply(agent, conversationId, 'agent-r-1', 'Sí, en tenim <b>dues</b> & "una" a la botiga.');
    await reply(agent, conversationId, 'agent-r-2', 'Nota interna: revisar estoc', true);
    await reply(agent, conversationId, 'agent-r-3', 'Vols que te la reservi?\nFins a dissabte.');

    // Within the delay the shopper may still come back: nothing is queued.
    expect(await email().mailer.scan(first.createdAt + DELAY_MS - 1)).toBe(0);
    // Past it, the three replies make one mail (less the one marked), and a second pass finds nothing more.
    expect(await email().mailer.scan(first.createdAt + DELAY_MS)).toBe(1);
    expect(await email().mailer.scan(first.createdAt + DELAY_MS + 1)).toBe(0);
    await email().outbox.deliverDue();

    expect(server_.received).toHaveLength(1);
    const mail = server_.received[0]!;
    expect(mail.to).toMatchObject({ value: [{ address: 'anna@example.cat' }] });
    expect(mail.from).toMatchObject({ value: [{ address: 'botiga@shop.example', name: 'Botiga' }] });
    expect(mail.replyTo).toMatchObject({ value: [{ address: replyAddress(conversationId, 'mail.shop.example') }] });
    expect(mail.subject).toBe('Botiga Núria: una resposta al teu xat');
    expect(mail.text).toContain('Hola Anna,');
    expect(mail.text).toContain('Sí, en tenim <b>dues</b> & "una" a la botiga.');
    expect(mail.text).toContain('  Vols que te la reservi?\n  Fins a dissabte.');
    expect(mail.text).toContain('Continua el xat: https://shop.example/p/jersei?talla=m#mostrador-chat');
    expect(mail.text).not.toContain('Nota interna');
    // The HTML part: the same words, every one of them escaped.
    const html = String(mail.html);
    expect(html).toContain('Sí, en tenim &lt;b&gt;dues&lt;/b&gt; &amp; &quot;una&quot; a la botiga.');
    expect(html).not.toContain('<b>dues</b>');
    expect(html).toContain('href="https://shop.example/p/jersei?talla=m#mostrador-chat"');
    expect(html).not.toContain('Nota interna');

    const cookie = await login(server.url, server.agentEmail, AGENT_PASSWORD);
    expect(await emailsOf(conversationId, cookie)).toEqual([
      expect.objectContaining({ kind: 'replies', to: 'anna@example.cat', status: 'sent', attempts: 1, error: null }),
    ]);
  });

  it('gives a product card a line of its own: name, price in the shopper’s language, and the product’s page', async () => {
    const server_ = await withSmtp();
    const { agent, conversationId } = await shopperWhoLeft();
    const sent = await agentCommand(agent, 'message:send', {
      conversationId,
      clientId: 'agent-card-1',
      body: 'Aquest, en verd:',
      product: { url: 'https://shop.example/p/jersei?talla=m' },
    });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(await email().mailer.scan(sent.data.event.createdAt + DELAY_MS)).toBe(1);
    await email().outbox.deliverDue();
    const mail = server_.received[0]!;
    expect(mail.text).toContain('  Aquest, en verd:\n  Producte: Jersei de llana, 59,90\u00a0€, https://shop.example/p/jersei?talla=m\n');
    expect(String(mail.html)).toContain('Producte: Jersei de llana, 59,90\u00a0€, https://shop.example/p/jersei?talla=m');
  });

  it('sends nothing for a reply the shopper read, and mails one a connected shopper never looked at', async () => {
    const server_ = await withSmtp();
    const agent = await connectAgentAs(server, server.agentEmail);
    sockets.push(agent);
    const visitor = await connectVisitorSession(server);
    sockets.push(visitor.socket);
    await visitorCommand(visitor.socket, 'visitor:contact', { email: 'present@example.cat' });
    const sent = await visitorCommand(visitor.socket, 'message:send', { clientId: 'present-q-1', body: 'Hola' });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.data.conversation.id;
    const answer = await reply(agent, conversationId, 'present-r-1', 'Hola! Digues.');
    // The open panel shows it: the widget's read receipt covers it (a mark past the end stops at the end).
    expect(await visitorCommand(visitor.socket, 'read:mark', { conversationId, seq: 999 })).toEqual({ ok: true, data: null });
    expect(await email().mailer.scan(answer.createdAt + DELAY_MS * 10)).toBe(0);

    // Still connected, but the tab is in the background: no read receipt, so the next reply is mailed after the delay.
    const unread = await reply(agent, conversationId, 'present-r-2', 'Encara hi ets?');
    expect(await email().mailer.scan(unread.createdAt + DELAY_MS - 1)).toBe(0);
    expect(await email().mailer.scan(unread.createdAt + DELAY_MS)).toBe(1);
    await email().outbox.deliverDue();
    expect(server_.received).toHaveLength(1);
    expect(server_.received[0]!.text).toContain('Encara hi ets?');
    expect(server_.received[0]!.text).not.toContain('Hola! Digues.');
  });

  it('retries a mail the server put off (4xx) with backoff, from the outbox, across a restart', async () => {
    const server_ = await withSmtp({ retryBaseMs: 60_000 });
    const { agent, conversationId } = await shopperWhoLeft();
    const answer = await reply(agent, conversationId, 'retry-r-1', 'Ja la tenim!');
    server_.answerNext(451);
    expect(await email().mailer.scan(answer.createdAt + DELAY_MS)).toBe(1);
    await email().outbox.deliverDue();
    expect(server_.received).toEqual([]);
    const cookie = await login(server.url, server.agentEmail, AGENT_PASSWORD);
    const [waiting] = await emailsOf(conversationId, cookie);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting!.error).toContain('451');

    // Not yet due: the backoff holds it.
    await email().outbox.deliverDue(Date.now() + 1000);
    expect(server_.received).toEqual([]);

    // The server restarts; the outbox is on disk, and the mail goes once its time comes.
    await server.stop();
    await server.restart();
    await email().outbox.deliverDue(Date.now() + 60_000);
    expect(server_.received.map((m) => m.subject)).toEqual(['Botiga Núria: una resposta al teu xat']);
    expect(await emailsOf(conversationId, cookie)).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })]);
  });

  it('shows a permanent failure (5xx) and a bounce on the conversation, and never tries those again', async () => {
    const server_ = await withSmtp();
    const { agent, visitor, conversationId } = await shopperWhoLeft();
    const answer = await reply(agent, conversationId, 'fail-r-1', 'Perdona el retard.');
    server_.answerNext(550);
    expect(await email().mailer.scan(answer.createdAt + DELAY_MS)).toBe(1);
    await email().outbox.deliverDue();

    // A transcript that arrives, then bounces.
    const back = await connectVisitorSession(server, visitor.token);
    sockets.push(back.socket);
    expect(await visitorCommand(back.socket, 'transcript:email', { conversationId })).toEqual({
      ok: true,
      data: { email: 'anna@example.cat' },
    });
    await email().outbox.deliverDue();
    expect(server_.received.map((m) => m.subject)).toEqual(['Botiga Núria: la transcripció del teu xat']);
    // The envelope sender (MAIL FROM) is the mail's own VERP bounce address; the From header stays the shop's.
    const bounceTo = server_.envelopeFrom[0]!;
    expect(bounceTo).toMatch(/^bounce\+[0-9a-f]{24}@mail\.shop\.example$/);
    expect(server_.received[0]!.from?.value[0]?.address).toBe('botiga@shop.example');
    expect(await email().outbox.bounced(bounceTo.toUpperCase(), '550 5.1.1 user unknown')).toBe(true);
    expect(await email().outbox.bounced(`bounce+${'0'.repeat(24)}@mail.shop.example`, 'no')).toBe(false);
    expect(await email().outbox.bounced(bounceTo.replace('mail.shop.example', 'elsewhere.example'), 'no')).toBe(false);

    const cookie = await login(server.url, server.agentEmail, AGENT_PASSWORD);
    const emails = await emailsOf(conversationId, cookie);
    expect(emails.map((e) => [e.kind, e.status])).toEqual([
      ['transcript', 'bounced'],
      ['replies', 'failed'],
    ]);
    expect(emails[1]!.error).toContain('550');
    expect(emails[0]!.error).toBe('550 5.1.1 user unknown');
    await email().outbox.deliverDue(Date.now() + 3_600_000 * 24);
    expect(server_.received).toHaveLength(1);
  });
});

describe('the transcript by email', () => {
  it('mails the whole chat as the shopper saw it to the address they give, and refuses without one or past the limit', async () => {
    const server_ = await withSmtp();
    const agent = await connectAgentAs(server, server.agentEmail);
    sockets.push(agent);
    const visitor = await connectVisitorSession(server);
    sockets.push(visitor.socket);
    const jersei = 'https://shop.example/p/jersei';
    await visitorCommand(visitor.socket, 'page:viewed', { url: jersei, title: 'Jersei', referrer: '', markup: productMarkup(JERSEI) });
    const sent = await visitorCommand(visitor.socket, 'message:send', { clientId: 'transcript-q-1', body: 'Where is my order?' });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.data.conversation.id;
    await reply(agent, conversationId, 'transcript-r-1', 'It left today.');
    const card = await agentCommand(agent, 'message:send', {
      conversationId,
      clientId: 'transcript-c-1',
      body: '',
      product: { url: jersei },
    });
    expect(card.ok).toBe(true);
    expect((await agentCommand(agent, 'note:add', { conversationId, clientId: 'transcript-n-1', body: 'Internal: courier late' })).ok).toBe(
      true,
    );
    expect((await visitorCommand(visitor.socket, 'conversation:close', { conversationId })).ok).toBe(true);

    const unknown = await visitorCommand(visitor.socket, 'transcript:email', { conversationId });
    expect(unknown.ok ? null : unknown.error.code).toBe('invalid_payload');
    for (let i = 0; i < 3; i++) {
      expect(await visitorCommand(visitor.socket, 'transcript:email', { conversationId, email: 'me@example.com' })).toEqual({
        ok: true,
        data: { email: 'me@example.com' },
      });
    }
    const over = await visitorCommand(visitor.socket, 'transcript:email', { conversationId, email: 'me@example.com' });
    expect(over.ok ? null : over.error.code).toBe('conflict');
    await email().outbox.deliverDue();

    expect(server_.received).toHaveLength(3);
    const mail = server_.received[0]!;
    expect(mail.subject).toBe('Botiga Núria: your chat transcript');
    expect(mail.text).toContain('You (');
    expect(mail.text).toContain('Where is my order?');
    expect(mail.text).toContain('Marta (');
    expect(mail.text).toContain('It left today.');
    expect(mail.text).toContain('  Product: Jersei de llana, €59.90, https://shop.example/p/jersei\n');
    expect(mail.text).not.toContain('courier');
    expect(String(mail.html)).not.toContain('courier');
  });
});

describe('the demo mailbox', () => {
  it('keeps mail locally when no SMTP server is configured, for admins only', async () => {
    server = await startTestServer({ mail: mailConfig({ smtp: null }) });
    await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
    const visitor = await connectVisitorSession(server);
    sockets.push(visitor.socket);
    await visitorCommand(visitor.socket, 'visitor:contact', { email: 'demo@example.com' });
    const sent = await visitorCommand(visitor.socket, 'message:send', {
      clientId: 'demo-question-1',
      body: 'A question <script>x</script>',
    });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.data.conversation.id;
    expect((await visitorCommand(visitor.socket, 'transcript:email', { conversationId })).ok).toBe(true);
    await email().worker.runOnce();

    const admin = await login(server.url, 'boss@shop.example', AGENT_PASSWORD);
    const res = await fetch(`${server.url}/api/admin/mailbox`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    const box = (await res.json()) as Mailbox;
    expect(box.transport).toBe('mailbox');
    expect(box.mails).toEqual([
      expect.objectContaining({
        conversationId,
        to: 'demo@example.com',
        replyTo: replyAddress(conversationId, 'mail.shop.example'),
        subject: 'Test shop: your chat transcript',
      }),
    ]);
    expect(box.mails[0]!.text).toContain('A question <script>x</script>');
    expect(box.mails[0]!.html).toContain('A question &lt;script&gt;x&lt;/script&gt;');

    const plain = await login(server.url, server.agentEmail, AGENT_PASSWORD);
    const refused = await fetch(`${server.url}/api/admin/mailbox`, { headers: { cookie: plain } });
    expect(refused.status).toBe(403);
  });
});
