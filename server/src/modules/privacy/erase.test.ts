import { existsSync, readdirSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PageViewed, PrivacyExport, VisitorsChanged } from '@mostrador/shared';
import {
  addAgent,
  agentCommand,
  AGENT_PASSWORD,
  connectAgentAs,
  connectVisitorSession,
  nextFact,
  startTestServer,
  visitorCommand,
  sqlOn,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { inviteOnFirstPage } from '../../testing/invitations.ts';
import { identityHash } from '../visitors/index.ts';

let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

/** Strings that exist nowhere but in this shopper's data. */
const SECRET = {
  externalId: 'cust-zq-4419',
  name: 'Zenobia Quarrel',
  email: 'zenobia.q@example.cat',
  message: 'Quokka-7731 where is my parcel',
  page: 'Marmalade-Pinafore 8821',
  item: 'Periwinkle-Gaiter 5512',
  comment: 'Ocelot-Tambourine 6620 was slow',
  fileName: 'Quince-Lantern 3301.pdf',
  order: 'Kumquat-Order 7207',
};

const page = (path: string, title: string): PageViewed => ({
  url: `https://shop.example${path}`,
  title,
  referrer: '',
  markup: { jsonLd: [], meta: {} },
  language: 'ca-ES',
  timeZone: 'Europe/Madrid',
});

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never happened: ${what}`);
}

function count(table: string, where = '1 = 1', ...params: unknown[]): Promise<number> {
  return sqlOn(server.app.engine).value<number>(`SELECT count(*) FROM ${table} WHERE ${where}`, ...params);
}

/** A verified customer on two devices, with every kind of personal data the product stores. */
async function fillEveryTable() {
  const site = server.app.services.sites.byKey(server.siteKey)!;
  const adminId = await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
  const claim = {
    id: SECRET.externalId,
    name: SECRET.name,
    email: SECRET.email,
    hash: identityHash(site.identitySecret, SECRET.externalId),
  };
  const laptop = await connectVisitorSession(server);
  const phone = await connectVisitorSession(server);
  sockets.push(laptop.socket, phone.socket);
  for (const device of [laptop, phone]) expect((await visitorCommand(device.socket, 'visitor:identify', claim)).ok).toBe(true);

  await inviteOnFirstPage(server, site.id);
  const invitation = nextFact<VisitorSocket, { firingId: string }>(laptop.socket, 'trigger:fired');
  await visitorCommand(laptop.socket, 'page:viewed', page('/shop/p/periwinkle-5512', SECRET.page));
  await visitorCommand(laptop.socket, 'page:viewed', page('/shop/cart', 'Cart'));
  await visitorCommand(laptop.socket, 'cart:updated', {
    cart: { items: [{ sku: 'PG-5512', name: SECRET.item, qty: 1, price: 19, url: null, image: null }], total: 19, currency: 'EUR' },
    stage: 'checkout',
    source: 'manual',
  });
  // An earlier order, from the shop's GA4 purchase event: its number is kept with the purchase in the cart history.
  const ecommerce = JSON.stringify({
    transaction_id: SECRET.order,
    value: 19,
    currency: 'EUR',
    items: [{ item_name: 'Socks', price: 19 }],
  });
  const bought = await visitorCommand(phone.socket, 'cart:tracked', {
    page: 'thanks0001',
    entries: [{ index: 0, event: 'purchase', ecommerce }],
  });
  expect(bought).toEqual({ ok: true, data: { applied: 1 } });
  // The offline form: how the shop may answer by email.
  expect(await visitorCommand(phone.socket, 'visitor:contact', { email: SECRET.email, name: SECRET.name })).toMatchObject({ ok: true });
  // The invitation the server sent on the first page, shown.
  const { firingId } = await invitation;
  expect(await visitorCommand(laptop.socket, 'trigger:shown', { firingId })).toEqual({ ok: true, data: null });
  // A file sent with the message: its row, and its bytes on disk.
  const uploaded = await fetch(`${server.url}/api/visitor/attachments?clientId=f-zq-000001&name=${encodeURIComponent(SECRET.fileName)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${laptop.token}`, 'x-mostrador-site': server.siteKey, 'content-type': 'application/octet-stream' },
    body: Buffer.from('%PDF-1.4\n%%EOF\n'),
  });
  const { attachment } = (await uploaded.json()) as { attachment: { id: string } };
  // And a photo, whose thumbnail is a file of its own.
  const photo = await fetch(`${server.url}/api/visitor/attachments?clientId=f-zq-000002&name=parcel.png`, {
    method: 'POST',
    headers: { authorization: `Bearer ${laptop.token}`, 'x-mostrador-site': server.siteKey, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(
      await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c00' } })
        .png()
        .toBuffer(),
    ),
  });
  const { attachment: picture } = (await photo.json()) as { attachment: { id: string } };
  const sent = await visitorCommand(laptop.socket, 'message:send', {
    clientId: 'c-zq-000001',
    body: SECRET.message,
    attachments: [attachment.id, picture.id],
  });
  if (!sent.ok) throw new Error(sent.error.message);
  // A colleague invited into the chat (group chat).
  await sqlOn(server.app.engine).run(
    'INSERT INTO conversation_guests (conversation_id, agent_id, joined_at) VALUES (?, ?, ?)',
    sent.data.conversation.id,
    adminId,
    Date.now(),
  );
  // A canned reply an agent used in the chat: the suggestions learn from it.
  const canned = await server.app.services.canned.create(
    { siteId: site.id, agentId: adminId, role: 'admin', departmentIds: [] },
    {
      shortcut: 'track',
      title: 'Tracking',
      scope: 'shared',
      departmentId: null,
      bodies: { ca: 'Ja arriba', es: 'Ya llega', en: 'On its way' },
    },
  );
  if (!canned.ok) throw new Error(canned.error.message);
  await sqlOn(server.app.engine).run(
    'INSERT INTO canned_reply_uses (site_id, reply_id, conversation_id, agent_id, seq, used_at) VALUES (?, ?, ?, ?, ?, ?)',
    site.id,
    canned.data.id,
    sent.data.conversation.id,
    adminId,
    1,
    Date.now(),
  );
  // The end of the chat: a rating with a comment, and the NPS question (on for this site).
  await server.app.services.sites.update(site.id, { npsEnabled: true });
  expect((await visitorCommand(laptop.socket, 'conversation:close', { conversationId: sent.data.conversation.id })).ok).toBe(true);
  const rated = await visitorCommand(laptop.socket, 'rating:submit', {
    conversationId: sent.data.conversation.id,
    score: 2,
    comment: SECRET.comment,
  });
  expect(rated).toMatchObject({ ok: true, data: { score: 2, comment: SECRET.comment } });
  expect(await visitorCommand(phone.socket, 'nps:submit', { score: 6 })).toMatchObject({ ok: true, data: { score: 6 } });
  // Mail to the shopper: the transcript they asked for, and the reply mailer's mark on their conversation.
  expect(await visitorCommand(laptop.socket, 'transcript:email', { conversationId: sent.data.conversation.id })).toEqual({
    ok: true,
    data: { email: SECRET.email },
  });
  await sqlOn(server.app.engine).run(
    'INSERT INTO email_watermarks (conversation_id, site_id, visitor_id, through_visitor_seq) VALUES (?, ?, ?, ?)',
    sent.data.conversation.id,
    site.id,
    laptop.visitorId,
    1,
  );
  // An admin's report of today stores the chat's report figures (report_facts).
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const report = await server.app.inject({
    method: 'GET',
    url: `/api/admin/reports/summary?from=${day(Date.now() - 86_400_000)}&to=${day(Date.now())}&timeZone=UTC`,
    cookies: await adminCookie(),
  });
  expect(report.statusCode).toBe(200);
  // The trail entry is written once the visitor leaves the page, in the next page-view batch.
  await until(async () => (await count('page_views', 'visitor_id = ?', laptop.visitorId)) > 0, 'the trail entry');

  const customerId = (await server.app.services.visitors.byId(site.id, laptop.visitorId))!.customerId!;
  return { site, adminId, laptop, phone, customerId, conversationId: sent.data.conversation.id };
}

async function adminCookie(): Promise<Record<string, string>> {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'boss@shop.example', password: AGENT_PASSWORD },
  });
  return { mostrador_session: res.cookies.find((c) => c.name === 'mostrador_session')!.value };
}

describe('erasing a customer', () => {
  it('exports a row from every personal-data table, then erases them so nothing of the person remains, not even on disk', async () => {
    const { laptop, phone, customerId, conversationId } = await fillEveryTable();
    const bystander = await connectVisitorSession(server);
    sockets.push(bystander.socket);
    await visitorCommand(bystander.socket, 'message:send', { clientId: 'c-bystander1', body: 'Bystander question' });
    const cookies = await adminCookie();

    // An export of one device names the visitor in the audit log; the customer's export then holds every table.
    await server.app.inject({ method: 'GET', url: `/api/admin/privacy/visitor/${laptop.visitorId}/export`, cookies });
    const exported = await server.app.inject({ method: 'GET', url: `/api/admin/privacy/customer/${customerId}/export`, cookies });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toBe(`attachment; filename="mostrador-customer-${customerId}.json"`);
    const body = exported.json<PrivacyExport>();
    for (const table of server.app.services.privacyRegistry.tables()) {
      expect(body.data[table]?.length ?? 0, `export of ${table}`).toBeGreaterThan(0);
    }
    expect(body.data.visitors!.map((v) => v.id).sort()).toEqual([laptop.visitorId, phone.visitorId].sort());
    expect(JSON.stringify(body.data.visitors)).not.toContain('tokenHash');
    expect(JSON.stringify(body)).toContain(SECRET.message);
    expect(body.data.cart_events).toContainEqual(expect.objectContaining({ visitorId: phone.visitorId, orderNumber: SECRET.order }));

    // The live list and both devices' sockets.
    const admin = await connectAgentAs(server, 'boss@shop.example');
    sockets.push(admin);
    await agentCommand(admin, 'visitors:watch', {});
    const left = new Set<string>();
    admin.on('visitors:changed', (changes: VisitorsChanged) => changes.left.forEach((id) => left.add(id)));
    const dropped = nextFact<AgentSocket, { conversationIds: string[] }>(admin, 'conversations:erased');
    const closed = [laptop, phone].map(
      (device) => new Promise<string>((resolve) => device.socket.once('disconnect', (reason) => resolve(reason))),
    );

    // The PDF, the photo and the photo's thumbnail are on disk before the erasure.
    await server.app.services.thumbnails.runOnce();
    expect(await count('attachments', "thumb_state = 'ready'")).toBe(1);
    expect(readdirSync(server.config.attachments.dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())).toHaveLength(3);
    const erased = await server.app.inject({
      method: 'POST',
      url: `/api/admin/privacy/customer/${customerId}/erase`,
      cookies,
      payload: { confirm: true },
    });
    expect(erased.statusCode).toBe(200);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    // Consoles drop the conversation, told its id and nothing else.
    expect(await dropped).toEqual({ conversationIds: [conversationId] });
    await until(() => left.has(laptop.visitorId) && left.has(phone.visitorId), 'the live list dropping both devices');
    expect(server.app.services.activity.liveList(server.app.services.sites.byKey(server.siteKey)!.id).map((v) => v.id)).toEqual([
      bystander.visitorId,
    ]);

    // No row of any table, registered or not, mentions the person.
    const traces = [laptop.visitorId, phone.visitorId, customerId, ...Object.values(SECRET)];
    const sql = sqlOn(server.app.engine);
    for (const name of await sql.tables()) {
      const rows = JSON.stringify(await sql.all(`SELECT * FROM "${name}"`));
      for (const trace of traces) expect(rows.includes(trace), `${trace} in ${name}`).toBe(false);
    }
    // The bystander is untouched.
    expect(await count('visitors', 'id = ?', bystander.visitorId)).toBe(1);
    expect(await count('conversation_events', "body = 'Bystander question'")).toBe(1);

    // The audit log says someone was erased, by whom, and no more; the earlier export no longer names the device.
    const audit = (await server.app.services.audit.page(server.app.services.sites.byKey(server.siteKey)!.id, undefined, 10)).entries;
    expect(audit[0]).toMatchObject({ action: 'privacy.erased', targetType: 'customer', targetId: null, details: { visitors: 2 } });
    expect(audit.filter((e) => e.action === 'privacy.exported').map((e) => e.targetId)).toEqual([null, null]);

    // Nor anywhere in the database file or its write-ahead log (SQLite's secure_delete). PostgreSQL has no such
    // setting: erased rows linger as dead tuples in files of its own until VACUUM, so this check is SQLite's alone.
    if (server.app.engine.kind === 'sqlite') {
      server.app.engine.db.$client.pragma('wal_checkpoint(TRUNCATE)');
      for (const file of [server.config.databaseFile, `${server.config.databaseFile}-wal`]) {
        if (!existsSync(file)) continue;
        const bytes = readFileSync(file);
        for (const trace of traces) expect(bytes.includes(trace), `${trace} in ${file}`).toBe(false);
      }
    }
    // The files they sent are gone from the disk too.
    const filesDir = server.config.attachments.dir;
    await until(() => readdirSync(filesDir, { recursive: true, withFileTypes: true }).every((e) => !e.isFile()), 'the files removed');

    // The old token no longer reaches anyone: the device starts afresh.
    const again = await connectVisitorSession(server, laptop.token);
    sockets.push(again.socket);
    expect(again.visitorId).not.toBe(laptop.visitorId);
  });

  it('erases one device and keeps the customer its other device still belongs to', async () => {
    const { laptop, phone, customerId } = await fillEveryTable();
    const cookies = await adminCookie();
    const erased = await server.app.inject({
      method: 'POST',
      url: `/api/admin/privacy/visitor/${laptop.visitorId}/erase`,
      cookies,
      payload: { confirm: true },
    });
    expect(erased.statusCode).toBe(200);
    expect(await count('visitors', 'id = ?', laptop.visitorId)).toBe(0);
    expect(await count('conversations', 'visitor_id = ?', laptop.visitorId)).toBe(0);
    expect(await count('page_views', 'visitor_id = ?', laptop.visitorId)).toBe(0);
    expect(await count('visitors', 'id = ?', phone.visitorId)).toBe(1);
    expect(await count('customers', 'id = ?', customerId)).toBe(1);
  });

  it('frees the agent the erased visitor’s open chat occupied, who then takes the next in the queue', async () => {
    await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
    await addAgent(server, { email: 'solo@shop.example', name: 'Solo', capacity: 1 });
    const solo = await connectAgentAs(server, 'solo@shop.example');
    sockets.push(solo);
    const assignedToSolo = new Set<string>();
    const collect = ({ conversation }: { conversation: { id: string; assignee: { id: string; name: string } | null } }) => {
      if (conversation.assignee?.name === 'Solo') assignedToSolo.add(conversation.id);
    };
    solo.on('conversation:created', collect);
    solo.on('conversation:changed', collect);
    solo.on('message:created', collect);

    const first = await connectVisitorSession(server);
    const second = await connectVisitorSession(server);
    sockets.push(first.socket, second.socket);
    const busy = await visitorCommand(first.socket, 'message:send', { clientId: 'c-first-0001', body: 'First' });
    const waiting = await visitorCommand(second.socket, 'message:send', { clientId: 'c-second-001', body: 'Second' });
    if (!busy.ok || !waiting.ok) throw new Error('send failed');
    await until(() => assignedToSolo.has(busy.data.conversation.id), 'the first chat reaching Solo');
    expect(await count('conversations', 'id = ? AND assignee_id IS NULL', waiting.data.conversation.id)).toBe(1);

    const erased = await server.app.inject({
      method: 'POST',
      url: `/api/admin/privacy/visitor/${first.visitorId}/erase`,
      cookies: await adminCookie(),
      payload: { confirm: true },
    });
    expect(erased.statusCode).toBe(200);
    await until(() => assignedToSolo.has(waiting.data.conversation.id), 'the queued chat reaching Solo');
    expect(await count('conversations', 'id = ? AND assignee_id IS NOT NULL', waiting.data.conversation.id)).toBe(1);
  });
});
