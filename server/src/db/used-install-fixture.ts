import sharp from 'sharp';
import type { PageViewed } from '@mostrador/shared';
import { seedDemo } from '../modules/demo-shop/index.ts';
import { identityHash } from '../modules/visitors/index.ts';
import {
  addAgent,
  AGENT_PASSWORD,
  agentCommand,
  connectAgent,
  connected,
  connectAgentAs,
  connectVisitorSession,
  nextFact,
  productMarkup,
  startTestServer,
  visitorCommand,
  type TestConfig,
  type TestServer,
  type VisitorSocket,
} from '../testing/harness.ts';
import { inviteOnFirstPage } from '../testing/invitations.ts';

/** Words only the fixture's chats hold, for a search to find after the copy. */
export const USED_INSTALL_WORDS = { question: 'Teniu la Dessuadora de col·lecció en talla M?', note: 'Reservar-ne una al magatzem' };

/** The admin whose two-factor login is on, beside the test server's agent (Marta, AGENT_PASSWORD). */
const BOSS = { email: 'boss@shop.example', name: 'Boss' };

/** A SQLite install that has been used, still running; `stop()` leaves its file for a copy. */
export interface UsedInstall {
  server: TestServer;
  file: string;
  /** The open chat Marta took: messages, a note, tags, a guest, a file. */
  openChat: { conversationId: string; visitorToken: string };
  /** A chat the shopper closed and rated. */
  closedChat: { conversationId: string };
  stop(): Promise<void>;
  close(): Promise<void>;
}

const page = (path: string, title: string, markup?: PageViewed['markup']): PageViewed => ({
  url: `https://shop.example${path}`,
  title,
  referrer: '',
  ...(markup ? { markup } : {}),
  language: 'ca-ES',
  timeZone: 'Europe/Madrid',
});

function must<T>(result: { ok: true; data: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

/**
 * A SQLite install used through the product itself (HTTP and sockets, as the
 * widget and the console use it), so that every table holds a row: the demo
 * shop, a second agent with two-factor login and a picture, business hours,
 * site settings and their audit trail, a verified shopper's pages, product,
 * cart, invitation and offline contact, an open chat with a file, a note,
 * tags, a colleague invited and a canned reply used, and a second chat
 * closed, rated, answered with NPS and mailed as a transcript. Always on
 * SQLite, whatever TEST_ENGINE says: it is the install being moved.
 */
export async function usedInstall(overrides: TestConfig = {}): Promise<UsedInstall> {
  const server = await startTestServer({ ...overrides, databaseUrl: null });
  const { app } = server;
  const site = app.services.sites.byKey(server.siteKey)!;
  await seedDemo(app.services, { shopUrl: server.url, password: 'copy-test-pass' });

  // The admin's side, over HTTP.
  await addAgent(server, { ...BOSS, role: 'admin' });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: BOSS.email, password: AGENT_PASSWORD } });
  const cookies = { mostrador_session: login.cookies.find((c) => c.name === 'mostrador_session')!.value };
  const admin = async (method: 'POST' | 'PUT' | 'PATCH', url: string, payload: object | Buffer, headers = {}) => {
    const res = await app.inject({ method, url, cookies, payload, headers });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res;
  };
  await admin('PATCH', '/api/admin/site', { npsEnabled: true, typingPreview: false, trailRetentionDays: 90 });
  await admin('PUT', '/api/admin/hours', {
    site: { timeZone: 'Europe/Madrid', weekly: [{ day: 1, from: '09:00', to: '18:00' }], holidays: ['2026-12-25'], closures: [] },
    departments: [],
  });
  const picture = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0a0' } })
    .png()
    .toBuffer();
  await admin('PUT', '/api/account/picture', picture, { 'content-type': 'image/png' });
  const { secret } = (await admin('POST', '/api/account/two-factor/enrolment', {})).json<{ secret: string }>();
  const { Secret, TOTP } = await import('otpauth');
  await admin('POST', '/api/account/two-factor/confirm', { code: new TOTP({ secret: Secret.fromBase32(secret) }).generate() });
  const canned = (
    await admin('POST', '/api/canned-replies', {
      shortcut: 'talla',
      title: 'Talles',
      scope: 'shared',
      departmentId: null,
      bodies: { ca: 'Tenim totes les talles', es: 'Tenemos todas las tallas', en: 'We have every size' },
    })
  ).json<{ reply: { id: string } }>().reply;

  // Marta's console, and a verified shopper who browses, fills a cart and leaves an address.
  const marta = await connectAgentAs(server, server.agentEmail);
  must(await agentCommand(marta, 'presence:set', { status: 'online' }));
  // Routing may have given her the chat already: then taking it is a conflict, and it is hers all the same.
  const martaTakes = async (conversationId: string) => {
    const taken = await agentCommand(marta, 'conversation:take', { conversationId });
    if (!taken.ok && taken.error.code !== 'conflict') throw new Error(taken.error.message);
  };
  const shopper = await connectVisitorSession(server);
  const externalId = 'cust-copy-1';
  must(
    await visitorCommand(shopper.socket, 'visitor:identify', {
      id: externalId,
      name: 'Jana Puig',
      email: 'jana@example.cat',
      hash: identityHash(site.identitySecret, externalId),
    }),
  );
  await inviteOnFirstPage(server, site.id);
  const invitation = nextFact<VisitorSocket, { firingId: string }>(shopper.socket, 'trigger:fired');
  const hoodie = { name: 'Dessuadora', sku: 'HOOD-M', price: 42.5, currency: 'EUR', image: null, availability: 'in_stock' as const };
  must(await visitorCommand(shopper.socket, 'page:viewed', page('/p/hoodie', 'Dessuadora', productMarkup(hoodie))));
  must(await visitorCommand(shopper.socket, 'trigger:shown', { firingId: (await invitation).firingId }));
  must(await visitorCommand(shopper.socket, 'page:viewed', page('/cart', 'Cistella')));
  must(
    await visitorCommand(shopper.socket, 'cart:updated', {
      cart: { items: [{ sku: 'HOOD-M', name: 'Dessuadora', qty: 2, price: 42.5, url: null, image: null }], total: 85, currency: 'EUR' },
      stage: 'checkout',
      source: 'manual',
    }),
  );
  must(await visitorCommand(shopper.socket, 'visitor:contact', { email: 'jana@example.cat', name: 'Jana' }));

  // The open chat: a file and a question, taken and answered by Marta, noted, tagged, with a colleague in it.
  const uploaded = await fetch(`${server.url}/api/visitor/attachments?clientId=f-copy-000001&name=talles.pdf`, {
    method: 'POST',
    headers: { authorization: `Bearer ${shopper.token}`, 'x-mostrador-site': server.siteKey, 'content-type': 'application/octet-stream' },
    body: Buffer.from('%PDF-1.4\n%%EOF\n'),
  });
  const { attachment } = (await uploaded.json()) as { attachment: { id: string } };
  const asked = must(
    await visitorCommand(shopper.socket, 'message:send', {
      clientId: 'copy-msg-1',
      body: USED_INSTALL_WORDS.question,
      attachments: [attachment.id],
    }),
  );
  const conversationId = asked.conversation.id;
  await martaTakes(conversationId);
  must(await agentCommand(marta, 'message:send', { conversationId, clientId: 'copy-reply-1', body: 'Sí, en negre i en blau.' }));
  await admin('POST', `/api/canned-replies/${canned.id}/uses`, { conversationId });

  // The closed chat, while Marta is the only agent online (so it is hers): a second shopper, who closes
  // it, rates it, answers the NPS question and asks for the transcript.
  const second = await connectVisitorSession(server);
  must(await visitorCommand(second.socket, 'visitor:contact', { email: 'pau@example.cat' }));
  const closed = must(await visitorCommand(second.socket, 'message:send', { clientId: 'copy-msg-2', body: 'On és la meva comanda?' }))
    .conversation.id;
  await martaTakes(closed);
  must(await visitorCommand(second.socket, 'conversation:close', { conversationId: closed }));
  must(await visitorCommand(second.socket, 'rating:submit', { conversationId: closed, score: 4, comment: 'Ràpid' }));
  must(await visitorCommand(second.socket, 'nps:submit', { score: 9 }));
  must(await visitorCommand(second.socket, 'transcript:email', { conversationId: closed }));

  // Back in the open chat: a note, tags, and the admin invited in.
  must(await agentCommand(marta, 'note:add', { conversationId, clientId: 'copy-note-1', body: USED_INSTALL_WORDS.note }));
  must(await agentCommand(marta, 'conversation:tag', { conversationId, add: ['talla', 'comanda'] }));
  const bossId = app.services.agents.list(site.id).find((agent) => agent.email === BOSS.email)!.id;
  const boss = connectAgent(server.url, `mostrador_session=${cookies.mostrador_session}`);
  await connected(boss);
  must(await agentCommand(boss, 'presence:set', { status: 'online' }));
  must(await agentCommand(marta, 'conversation:invite', { conversationId, agentId: bossId }));

  // A report stores its conversations' facts (report_facts, the responses packed as bytes): one over the last month.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const report = await app.inject({ method: 'GET', url: `/api/admin/reports/summary?from=${day(-30)}&to=${day(0)}`, cookies });
  if (report.statusCode !== 200) throw new Error(`report: ${report.statusCode} ${report.body}`);

  // Written only by mail a test server does not receive: the reply mailer's mark, and a Mailgun webhook's token.
  app.sqlite
    .prepare('INSERT INTO email_watermarks (conversation_id, site_id, visitor_id, through_visitor_seq) VALUES (?, ?, ?, ?)')
    .run(closed, site.id, second.visitorId, 1);
  app.sqlite.prepare('INSERT INTO inbound_webhook_tokens (token, seen_at) VALUES (?, ?)').run('mailgun-token-1', Date.now());

  // The page trail is written once the shopper leaves a page, in the next batch: the first page is, by now.
  // The facts are stored beside the report's answer, in small transactions: the first ones, by now.
  for (let i = 0; i < 200 && !app.sqlite.prepare('SELECT 1 FROM report_facts WHERE length(responses) > 0').get(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  for (let i = 0; i < 200 && !app.sqlite.prepare('SELECT 1 FROM page_views').get(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const sockets = [marta, boss, shopper.socket, second.socket];
  return {
    server,
    file: server.config.databaseFile,
    openChat: { conversationId, visitorToken: shopper.token },
    closedChat: { conversationId: closed },
    async stop() {
      for (const socket of sockets) socket.disconnect();
      await server.stop();
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      await server.close();
    },
  };
}
