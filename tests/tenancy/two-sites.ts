import { createHmac } from 'node:crypto';
import {
  AGENT_PASSWORD,
  SHOP_ORIGIN,
  agentCommand,
  connectAgent,
  connectVisitor,
  connected,
  login,
  nextFact,
  sqlOn,
  visitorCommand,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '@mostrador/server/testing';

/** Every id a site owns that a command or a route could be handed. */
export interface SiteRefs {
  conversationId: string;
  departmentId: string;
  agentId: string;
  adminId: string;
  visitorId: string;
  triggerId: string;
  customerId: string;
  /** The public id of the admin's console session (Account → Sessions). */
  sessionId: string;
  /** A team canned reply and a tag of the site's list. */
  cannedReplyId: string;
  tagId: string;
  /** A file the admin uploaded (not yet in a message). */
  attachmentId: string;
  /** A product page of the site's catalogue (what a canned reply may carry). */
  productUrl: string;
}

export interface SiteUnderTest {
  siteId: string;
  refs: SiteRefs;
  adminCookie: string;
  admin: AgentSocket;
  agent: AgentSocket;
  visitor: VisitorSocket;
}

/** Ids shaped like real ones that no site has: what a foreign id must look like from the outside. */
export const MISSING: SiteRefs = {
  conversationId: 'cnv_missing000000000000',
  departmentId: 'dep_missing000000000000',
  agentId: 'agt_missing000000000000',
  adminId: 'agt_missingadmin00000000',
  visitorId: 'vis_missing000000000000',
  triggerId: 'trg_missing000000000000',
  customerId: 'cus_missing000000000000',
  sessionId: '0000000000000000000000',
  cannedReplyId: 'cnr_missing000000000000',
  tagId: 'tag_missing000000000000',
  attachmentId: 'att_missing000000000',
  productUrl: 'https://missing.example/p/nothing',
};

/**
 * A whole site on the test server: an admin and an agent (in the site's one
 * department), their console sockets, a visitor identified as a customer
 * whose message opened a conversation the agent now holds, and the site's
 * trigger rules, a team canned reply and a tag on the site's tag list.
 */
export async function createSite(server: TestServer, name: string): Promise<SiteUnderTest> {
  const { sites, agents, departments, triggers } = server.app.services;
  const site = await sites.create({ name, allowedOrigins: [SHOP_ORIGIN] });
  const department = await departments.create(site.id, { slug: 'sales', name: `${name} sales`, routing: 'auto' });
  if (!department.ok) throw new Error(department.error.message);
  const slug = name.toLowerCase().replace(/\W+/g, '-');
  const admin = await agents.create({
    siteId: site.id,
    email: `admin@${slug}.example`,
    name: `${name} admin`,
    role: 'admin',
    password: AGENT_PASSWORD,
  });
  const agent = await agents.create({
    siteId: site.id,
    email: `agent@${slug}.example`,
    name: `${name} agent`,
    role: 'agent',
    password: AGENT_PASSWORD,
    capacity: 3,
  });
  if (!admin.ok || !agent.ok) throw new Error('agents');
  await departments.setMemberships(site.id, agent.data.id, [department.data.id]);

  // The agent is the only one online when the visitor writes, so the conversation is the agent's.
  const agentSocket = connectAgent(server.url, await login(server.url, `agent@${slug}.example`, AGENT_PASSWORD));
  await connected(agentSocket);

  const visitor = connectVisitor(server.url, { siteKey: site.key });
  const session = nextFact<VisitorSocket, { visitorId: string }>(visitor, 'session:established');
  await connected(visitor);
  const { visitorId } = await session;
  const secret = (await sites.withIdentitySecret(sites.byId(site.id)!)).identitySecret;
  const customer = `customer-of-${slug}`;
  const hash = createHmac('sha256', secret).update(customer, 'utf8').digest('hex');
  const identified = await visitorCommand(visitor, 'visitor:identify', { id: customer, hash });
  if (!identified.ok) throw new Error(identified.error.message);
  const assigned = nextFact(agentSocket, 'conversation:created');
  const sent = await visitorCommand(visitor, 'message:send', { clientId: `first-${slug}`, body: 'hola' });
  if (!sent.ok) throw new Error(sent.error.message);
  await assigned;
  const adminCookie = await login(server.url, `admin@${slug}.example`, AGENT_PASSWORD);
  const adminSocket = connectAgent(server.url, adminCookie);
  await connected(adminSocket);

  const sessions = await fetch(`${server.url}/api/account/sessions`, { headers: { cookie: adminCookie } });
  const { sessions: list } = (await sessions.json()) as { sessions: Array<{ id: string; current: boolean }> };
  const post = async (url: string, body: unknown) =>
    (await (
      await fetch(`${server.url}${url}`, {
        method: 'POST',
        headers: { cookie: adminCookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as Record<string, { id: string }>;
  // The site's catalogue holds a product of its own shop (a real page, as far as another site can tell).
  const productUrl = `https://${slug}.example/p/jersei`;
  await server.app.services.catalog.stock(site.id, [
    { name: `Jersei de ${name}`, url: productUrl, price: 59.9, currency: 'EUR', image: null, sku: `JER-${slug}` },
  ]);
  // The reply carries a picture, so that copying it from another site is refused for the site, not for want of one.
  const picture = await fetch(`${server.url}/api/attachments?clientId=picture-${slug}&name=logo.png`, {
    method: 'POST',
    headers: { cookie: adminCookie, 'content-type': 'application/octet-stream', origin: server.url },
    body: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
  });
  const canned = await post('/api/canned-replies', {
    shortcut: 'hola',
    title: 'Hola',
    scope: 'shared',
    bodies: { ca: 'Hola', es: '', en: '' },
    pictureId: ((await picture.json()) as { attachment: { id: string } }).attachment.id,
  });
  if (!canned.reply) throw new Error(`canned reply refused: ${JSON.stringify(canned)}`);
  // Its thumbnail is made now: a background job writing the row later would look like a refused request's change.
  await server.app.services.thumbnails.runOnce();
  const tag = await post('/api/admin/tags', { name: `tag-of-${slug}` });
  const uploaded = await fetch(`${server.url}/api/attachments?clientId=file-${slug}&name=note.txt`, {
    method: 'POST',
    headers: { cookie: adminCookie, 'content-type': 'application/octet-stream', origin: server.url },
    body: `A note of ${name}`,
  });
  const file = (await uploaded.json()) as { attachment?: { id: string } };
  if (!file.attachment) throw new Error(`upload refused: ${JSON.stringify(file)}`);
  const customerRow = await sqlOn(server.app.engine).one<{ id: string }>('SELECT customer_id AS id FROM visitors WHERE id = ?', visitorId);
  return {
    siteId: site.id,
    refs: {
      conversationId: sent.data.conversation.id,
      departmentId: department.data.id,
      agentId: agent.data.id,
      adminId: admin.data.id,
      visitorId,
      triggerId: triggers.list(site.id)[0]!.id,
      customerId: customerRow.id,
      sessionId: list.find((s) => s.current)!.id,
      cannedReplyId: canned.reply!.id,
      tagId: tag.tag!.id,
      attachmentId: file.attachment.id,
      productUrl,
    },
    adminCookie,
    admin: adminSocket,
    agent: agentSocket,
    visitor,
  };
}

/**
 * Tables a request never writes: the login sessions, and the reports'
 * stored facts, which the refresher recomputes from the conversations on its
 * own timer (a site's own earlier chat may land there meanwhile). The
 * conversations they are computed from are compared.
 */
const NOT_COMPARED = new Set(['agent_sessions', 'report_facts']);

/**
 * Every row of every table but those above, on either engine, to
 * prove a refused request changed nothing. Each table's rows are compared as
 * a sorted set: the engines keep rows in orders of their own.
 */
export async function snapshot(server: TestServer): Promise<Record<string, string[]>> {
  const sql = sqlOn(server.app.engine);
  const tables = (await sql.tables()).filter((table) => !NOT_COMPARED.has(table));
  const rows = await Promise.all(
    tables.map(async (table) => (await sql.all(`SELECT * FROM "${table}"`)).map((row) => JSON.stringify(row)).sort()),
  );
  return Object.fromEntries(tables.map((table, i) => [table, rows[i]!]));
}

type Listening = { onAny(listener: (event: string, ...args: unknown[]) => void): unknown };

/** Records every fact a socket hears, from now on. */
export function record(socket: Listening): Array<{ event: string; payload: unknown }> {
  const heard: Array<{ event: string; payload: unknown }> = [];
  socket.onAny((event, payload) => heard.push({ event, payload }));
  return heard;
}

/**
 * Sends a marker through the site (the visitor writes, then the agent
 * answers) and waits until each of its sockets has heard it. Socket.IO keeps
 * order per connection, so anything sent to those sockets before has
 * arrived by then.
 */
export async function markerThrough(site: SiteUnderTest, label: string): Promise<void> {
  const toAdmin = nextFact(site.admin, 'message:created');
  const toAgent = nextFact(site.agent, 'message:created');
  const fromVisitor = await visitorCommand(site.visitor, 'message:send', { clientId: `marker-v-${label}`, body: `marker ${label}` });
  if (!fromVisitor.ok) throw new Error(fromVisitor.error.message);
  await Promise.all([toAdmin, toAgent]);
  const toVisitor = nextFact(site.visitor, 'message:created');
  const secondToAdmin = nextFact(site.admin, 'message:created');
  const fromAgent = await agentCommand(site.agent, 'message:send', {
    conversationId: site.refs.conversationId,
    clientId: `marker-a-${label}`,
    body: `marker ${label}`,
  });
  if (!fromAgent.ok) throw new Error(fromAgent.error.message);
  await Promise.all([toVisitor, secondToAdmin]);
}

/**
 * Every route the app serves, as "METHOD /path", read from fastify's own
 * route tree (HEAD routes are fastify's automatic twins of GET).
 */
export function routesOf(server: TestServer): string[] {
  const tree = server.app.printRoutes({ commonPrefix: false });
  const segments: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([\s│]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    segments.length = depth;
    segments.push(match[2]!);
    const path = segments.join('').replace(/^\/?/, '/');
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      if (method !== 'HEAD') routes.push(`${method} ${path}`);
    }
  }
  return routes;
}
