// Search over a large history: the issue asks for answers within 100 ms over a million messages.
// The bench server's database is filled directly (as years of chats would have filled it: the FTS5
// index is kept by the same triggers as in production), then the agents' search is timed over HTTP,
// beside the floor: a bare FTS5 MATCH on the same file, with no access rule, snippet or typo search.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { login } from './clients.ts';
import type { ServerReady } from './protocol.ts';
import { serverNodeArgs } from './server-under-test.ts';
import { startProcess } from './spawn.ts';

export interface SearchScaleOptions {
  messages: number;
  repeats: number;
}

export interface SearchQueryFigure {
  name: string;
  query: string;
  hits: number;
  ours: { p50: number; p95: number };
  floor: { p50: number; p95: number };
}

export interface SearchScaleResult {
  messages: number;
  conversations: number;
  fillSeconds: number;
  /** A start of the server on that history: from launching the process to its first answered request. */
  startSeconds: number;
  queries: SearchQueryFigure[];
}

const MESSAGES_PER_CONVERSATION = 10;

// Words of a shop's chats in Catalan, Spanish and English; earlier words are drawn more often (Zipf).
const WORDS = `hola bon dia gràcies comanda pedido order talla size devolució devolución return enviament envío shipping
  jaqueta chaqueta jacket motxilla mochila backpack sabates zapatos shoes tarjeta targeta card pagament pago payment
  quan cuándo when arriba llega arrives canviar cambiar exchange reemborsament reembolso refund factura invoice
  descompte descuento discount codi código code promoció promoción color negre negro black blau azul blue vermell rojo
  red petita pequeña small gran grande large mitjana mediana medium estoc stock disponible available botiga tienda shop
  adreça dirección address correu correo email telèfon teléfono phone seguiment seguimiento tracking transportista
  carrier missatger mensajero courier retard retraso delay trencat roto broken defecte defecto defect garantia garantía
  warranty cistella carrito cart compra purchase producte producto product preu precio price oferta rebaixes rebajas
  sale dimensions mides medidas material cotó algodón cotton llana lana wool cuir cuero leather impermeable waterproof
  regal regalo gift embolcall envoltorio wrapping recollida recogida pickup dilluns lunes monday divendres viernes friday
  setmana semana week avui hoy today demà mañana tomorrow ahir ayer yesterday urgent urgente please si us plau por favor`
  .split(/\s+/)
  .filter(Boolean);

const QUERIES: Array<{ name: string; query: string; as: 'admin' | 'agent' }> = [
  { name: 'a common word', query: 'comanda', as: 'admin' },
  { name: 'two words, without accents', query: 'devolucio jaqueta', as: 'admin' },
  { name: 'a misspelt word', query: 'tarjta', as: 'admin' },
  { name: 'an order number', query: 'ES100777', as: 'admin' },
  { name: 'a rare word, as an agent', query: 'impermeable', as: 'agent' },
];

/** A Zipf-like pick: index i is drawn about 1/(i+1) as often as index 0. */
function zipf(random: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(random() * Math.log(n + 1))) - 1);
}

/** A small seeded generator, so every run searches the same history. */
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

function fill(file: string, messages: number): { messages: number; conversations: number; fillSeconds: number } {
  const start = performance.now();
  const db = new Database(file);
  db.pragma('busy_timeout = 10000');
  // Setting up the history, not serving it: the bench does not need it to survive a power cut.
  db.pragma('synchronous = OFF');
  const siteId = (db.prepare('SELECT id FROM sites LIMIT 1').get() as { id: string }).id;
  const agents = (db.prepare('SELECT id, name FROM agents WHERE site_id = ?').all(siteId) as Array<{ id: string; name: string }>).filter(
    (a) => !a.name.includes('admin'),
  );
  const random = seeded(12);
  const conversations = Math.ceil(messages / MESSAGES_PER_CONVERSATION);
  const insertVisitor = db.prepare(
    `INSERT INTO visitors (id, site_id, token_hash, label, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertConversation = db.prepare(
    `INSERT INTO conversations (id, site_id, visitor_id, visitor_label, status, assignee_id, last_seq, last_visitor_seq,
       last_message_body, last_message_author, last_message_at, created_at, updated_at, closed_at)
     VALUES (?, ?, ?, ?, 'closed', ?, ?, ?, ?, 'agent', ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO conversation_events (conversation_id, seq, visitor_seq, type, author_kind, author_id, author_name, body, created_at)
     VALUES (?, ?, ?, 'message', ?, ?, ?, ?, ?)`,
  );
  const sentence = (extra: string) => {
    const length = 6 + Math.floor(random() * 14);
    const words = Array.from({ length }, () => WORDS[zipf(random, WORDS.length)]!);
    if (extra) words.splice(Math.floor(random() * words.length), 0, extra);
    return words.join(' ');
  };
  // Two years of chats, oldest first.
  const firstAt = Date.now() - 2 * 365 * 24 * 3_600_000;
  const step = (2 * 365 * 24 * 3_600_000) / conversations;
  const batch = db.transaction((from: number, to: number) => {
    for (let c = from; c < to; c += 1) {
      const id = `cnv_bench${c}`;
      const visitorId = `vis_bench${c}`;
      const label = `V-${c.toString(36).toUpperCase()}`;
      const at = Math.floor(firstAt + c * step);
      const agent = agents[c % agents.length]!;
      insertVisitor.run(visitorId, siteId, randomBytes(16).toString('hex'), label, at, at);
      const order = `ES${100_000 + c}`;
      const bodies = Array.from({ length: MESSAGES_PER_CONVERSATION }, (_, i) => sentence(i === 0 ? order : ''));
      const last = at + MESSAGES_PER_CONVERSATION * 30_000;
      const n = MESSAGES_PER_CONVERSATION;
      insertConversation.run(id, siteId, visitorId, label, agent.id, n, n, bodies[n - 1]!, last, at, last, last);
      for (const [i, body] of bodies.entries()) {
        const seq = i + 1;
        const fromVisitor = seq % 2 === 1;
        insertEvent.run(
          id,
          seq,
          seq,
          fromVisitor ? 'visitor' : 'agent',
          fromVisitor ? null : agent.id,
          fromVisitor ? null : agent.name,
          body,
          at + seq * 30_000,
        );
      }
    }
  });
  for (let c = 0; c < conversations; c += 5_000) batch(c, Math.min(conversations, c + 5_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { messages: conversations * MESSAGES_PER_CONVERSATION, conversations, fillSeconds: (performance.now() - start) / 1000 };
}

function quantiles(times: number[]): { p50: number; p95: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: Math.round(at(0.5) * 10) / 10, p95: Math.round(at(0.95) * 10) / 10 };
}

export async function searchScale(options: SearchScaleOptions): Promise<SearchScaleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-bench-search-'));
  const env = { BENCH_DB: join(dir, 'bench.sqlite'), BENCH_AGENTS: '5' };
  try {
    // A first start creates the site and its agents; the history is written while no server runs (the
    // bulk load holds the write lock for seconds), and the second start serves it.
    await (await startProcess<ServerReady>('mostrador-server', env, { nodeArgs: serverNodeArgs() })).kill();
    const filled = fill(env.BENCH_DB, options.messages);
    const launched = performance.now();
    const server = await startProcess<ServerReady>('mostrador-server', env, { nodeArgs: serverNodeArgs() });
    const firstAnswer = await fetch(`http://127.0.0.1:${server.ready.port}/api/ready`);
    if (!firstAnswer.ok) throw new Error(`the restarted server answered ${firstAnswer.status}`);
    const startSeconds = (performance.now() - launched) / 1000;
    try {
      return {
        ...filled,
        startSeconds,
        queries: await timeQueries(`http://127.0.0.1:${server.ready.port}`, server.ready, env.BENCH_DB, options.repeats),
      };
    } finally {
      await server.kill();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timeQueries(url: string, ready: ServerReady, file: string, repeats: number): Promise<SearchQueryFigure[]> {
  const cookies = { admin: await login(url, ready.admin), agent: await login(url, ready.agents[0]!) };
  const floorDb = new Database(file, { readonly: true });
  const bare = floorDb.prepare('SELECT rowid FROM conversation_search WHERE conversation_search MATCH ? ORDER BY rank LIMIT 21');
  const queries: SearchQueryFigure[] = [];
  for (const q of QUERIES) {
    const ours: number[] = [];
    const floor: number[] = [];
    let hits = 0;
    const bareMatch = q.query
      .split(' ')
      .map((w) => `"${w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}"*`)
      .join(' AND ');
    // One untimed round warms the page cache for both.
    for (let i = 0; i <= repeats; i += 1) {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/search?q=${encodeURIComponent(q.query)}`, { headers: { cookie: cookies[q.as] } });
      const body = (await res.json()) as { hits?: unknown[] };
      const t1 = performance.now();
      if (!res.ok || !body.hits) throw new Error(`search ${q.query} answered ${res.status}`);
      bare.all(bareMatch);
      const t2 = performance.now();
      if (i === 0) {
        hits = body.hits.length;
        continue;
      }
      ours.push(t1 - t0);
      floor.push(t2 - t1);
    }
    queries.push({ name: q.name, query: q.query, hits, ours: quantiles(ours), floor: quantiles(floor) });
  }
  floorDb.close();
  return queries;
}
