// Reports over 90 days of a busy shop: the issue asks for the summary within 500 ms with 100,000
// conversations and 2 million messages. The app's SQLite file is filled in bulk (big transactions on a
// second connection, as months of chats would have filled it), with a realistic trail for the revenue
// baseline: 300,000 visitors with page views, a few percent reaching checkout or buying. The first
// report stores every conversation's facts (the recount); the summary is then timed through the HTTP
// route (app.inject), for the whole site, one department, one agent and another time zone.
import Database from 'better-sqlite3';
import { buildTestApp, siteWithAdminAndAgent } from '@mostrador/server/testing';

export interface ReportsScaleOptions {
  conversations: number;
  messagesPerConversation: number;
  visitors: number;
  runs: number;
}

export interface ReportsScaleResult {
  conversations: number;
  messages: number;
  visitors: number;
  pageViews: number;
  fillSeconds: number;
  /** The first report of the 90 days: every conversation's facts computed from its log and stored. */
  recountSeconds: number;
  variants: { name: string; p50: number; p95: number }[];
}

const DAY_MS = 86_400_000;
const DEPARTMENTS = 3;
const AGENTS = 12;

/** A small seeded generator, so every run reports on the same history. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Fill {
  siteId: string;
  departments: string[];
  agents: string[];
  firstAt: number;
  options: ReportsScaleOptions;
}

function fill(file: string, { siteId, departments, agents, firstAt, options }: Fill) {
  const db = new Database(file);
  db.pragma('busy_timeout = 10000');
  // Setting up the history, not serving it: the bench does not need it to survive a power cut.
  db.pragma('synchronous = OFF');
  // A conversation's row is written after its log (its last seq is known then); the rows are consistent once the batch commits.
  db.pragma('foreign_keys = OFF');
  const random = seeded(7);
  const span = 90 * DAY_MS;
  const insert = {
    agent: db.prepare(
      `INSERT INTO agents (id, site_id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, 'agent', 'x', 0)`,
    ),
    visitor: db.prepare(`INSERT INTO visitors (id, site_id, token_hash, label, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)`),
    view: db.prepare(`INSERT INTO page_views (visitor_id, url, title, referrer, started_at, seconds) VALUES (?, '/', 'Shop', '', ?, 20)`),
    cart: db.prepare(`INSERT INTO cart_events (visitor_id, at, change, total, currency) VALUES (?, ?, ?, ?, 'EUR')`),
    conversation: db.prepare(
      `INSERT INTO conversations (id, site_id, visitor_id, visitor_label, status, origin, department_id, assignee_id, last_seq,
         created_at, updated_at, closed_at, rating)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    event: db.prepare(
      `INSERT INTO conversation_events (conversation_id, seq, type, author_kind, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    rating: db.prepare(
      `INSERT INTO conversation_ratings (id, site_id, conversation_id, visitor_id, round, score, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
  db.transaction(() => {
    for (const id of agents) insert.agent.run(id, siteId, `${id}@bench.example`, id);
  })();
  let pageViews = 0;
  let messages = 0;
  // The visitors first (each with one to five page views, a few reaching checkout or buying); the first ones chat.
  const visitorsBatch = db.transaction((from: number, to: number) => {
    for (let v = from; v < to; v++) {
      const id = `vis_r${v}`;
      const at = Math.floor(firstAt + random() * span);
      insert.visitor.run(id, siteId, `tok_r${v}`, `V-${v}`, at, at);
      const views = 1 + Math.floor(random() * 5);
      for (let i = 0; i < views; i++) insert.view.run(id, at + i * 60_000);
      pageViews += views;
      const roll = random();
      if (roll < 0.05) insert.cart.run(id, at + 10 * 60_000, 'checkout', 0);
      if (roll < 0.03) insert.cart.run(id, at + 12 * 60_000, 'purchase', 20 + Math.floor(random() * 200));
    }
  });
  for (let v = 0; v < options.visitors; v += 10_000) visitorsBatch(v, Math.min(options.visitors, v + 10_000));
  // Conversations: a visitor's message, an assignment, alternate replies, most closed, a fifth rated.
  const conversationsBatch = db.transaction((from: number, to: number) => {
    for (let c = from; c < to; c++) {
      const id = `cnv_r${c}`;
      const at = Math.floor(firstAt + (c / options.conversations) * span);
      const assignee = agents[c % agents.length]!;
      const department = c % 4 === 3 ? null : departments[c % departments.length]!;
      let seq = 0;
      let when = at;
      const event = (type: string, author: string, status: string | null, body: string | null) => {
        when += 5_000 + Math.floor(random() * 300_000);
        insert.event.run(id, ++seq, type, author, status, body, when);
      };
      for (let m = 0; m < options.messagesPerConversation; m++) {
        event('message', m % 2 === 0 ? 'visitor' : 'agent', null, 'Hola, una pregunta sobre la comanda');
        if (m === 0) event('joined', 'system', null, null);
      }
      messages += options.messagesPerConversation;
      const closed = c % 10 !== 0;
      if (closed) event('status', 'agent', 'closed', null);
      const rated = closed && c % 5 === 1;
      const score = 1 + (c % 5);
      const rating = rated ? JSON.stringify({ score, comment: c % 3 ? null : 'Gràcies', createdAt: when + 1 }) : null;
      const origin = c % 7 === 0 ? 'trigger' : c % 11 === 0 ? 'agent' : 'visitor';
      const visitorId = `vis_r${c % options.visitors}`;
      insert.conversation.run(
        id,
        siteId,
        visitorId,
        `V-${c}`,
        closed ? 'closed' : 'open',
        origin,
        department,
        assignee,
        seq,
        at,
        when,
        closed ? when : null,
        rating,
      );
      if (rated) insert.rating.run(`rat_r${c}`, siteId, id, visitorId, when, score, c % 3 ? null : 'Gràcies', when + 1);
    }
  });
  for (let c = 0; c < options.conversations; c += 5_000) conversationsBatch(c, Math.min(options.conversations, c + 5_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { pageViews, messages };
}

function quantiles(times: number[]): { p50: number; p95: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: Math.round(at(0.5)), p95: Math.round(at(0.95)) };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function reportsScale(options: ReportsScaleOptions): Promise<ReportsScaleResult> {
  const { app, config, cleanup } = await buildTestApp();
  try {
    const { site, admin } = await siteWithAdminAndAgent(app);
    const departments: string[] = [];
    for (let d = 0; d < DEPARTMENTS; d++) {
      const made = await app.services.departments.create(site.id, { slug: `d${d}`, name: `Department ${d}`, routing: 'auto' });
      if (!made.ok) throw new Error(made.error.message);
      departments.push(made.data.id);
    }
    const office = { timeZone: 'Europe/Madrid', holidays: [], closures: [] };
    const weekdays = [1, 2, 3, 4, 5];
    await app.services.hours.replace(site.id, {
      site: { ...office, weekly: weekdays.map((d) => ({ day: d, from: '09:00', to: '19:00' })) },
      departments: [
        { departmentId: departments[0]!, hours: { ...office, weekly: weekdays.map((d) => ({ day: d, from: '08:00', to: '14:00' })) } },
      ],
    });
    const agents = Array.from({ length: AGENTS }, (_, i) => `agt_r${i}`);
    const to = Date.UTC(2026, 10, 30);
    const firstAt = to - 90 * DAY_MS;
    const started = performance.now();
    const filled = fill(config.databaseFile, { siteId: site.id, departments, agents, firstAt, options });
    const fillSeconds = (performance.now() - started) / 1000;
    const range = `from=${day(firstAt)}&to=${day(to - 1)}`;
    const summary = async (query: string) => {
      const begin = performance.now();
      const res = await app.inject({ method: 'GET', url: `/api/admin/reports/summary?${range}${query}`, cookies: admin });
      if (res.statusCode !== 200) throw new Error(`reports summary answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
      return performance.now() - begin;
    };
    const recountSeconds = (await summary('')) / 1000;
    const variants = [
      { name: '90 days, whole site', query: '' },
      { name: '90 days, one department', query: `&departmentId=${departments[1]}` },
      { name: '90 days, one agent', query: `&agentId=${agents[3]}` },
      { name: '90 days, America/New_York', query: '&timeZone=America/New_York' },
    ];
    const figures = [];
    for (const variant of variants) {
      const times: number[] = [];
      for (let run = 0; run < options.runs; run++) times.push(await summary(variant.query));
      figures.push({ name: variant.name, ...quantiles(times) });
    }
    return {
      conversations: options.conversations,
      messages: filled.messages,
      visitors: options.visitors,
      pageViews: filled.pageViews,
      fillSeconds,
      recountSeconds,
      variants: figures,
    };
  } finally {
    await cleanup();
  }
}
