/**
 * Micro-benchmark: the cost the search index's insert trigger adds to storing a message. Builds the
 * conversation_events table twice in memory-backed temp files (with and without the FTS5 table and trigger
 * from server/drizzle/0006_search.sql) and times single-row insert transactions, as the message path does.
 * Run from server/: node --import tsx src/db/search-write-cost.bench.ts
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const N = 20_000;
const EVENTS = `CREATE TABLE conversation_events (conversation_id text NOT NULL, seq integer NOT NULL, visitor_seq integer,
  type text NOT NULL, author_kind text NOT NULL, author_id text, author_name text, client_id text, body text, status text,
  data text, created_at integer NOT NULL, PRIMARY KEY (conversation_id, seq))`;
const words = 'hola vull fer una devolució de la jaqueta que vaig pagar amb tarjeta quan arriba comanda talla gràcies'.split(' ');

function run(withSearch: boolean): number {
  const db = new Database(':memory:');
  db.exec(EVENTS);
  if (withSearch) {
    const migration = fileURLToPath(new URL('../../drizzle/0006_search.sql', import.meta.url));
    for (const statement of readFileSync(migration, 'utf8').split('--> statement-breakpoint')) db.exec(statement);
  }
  const insert = db.prepare(
    `INSERT INTO conversation_events (conversation_id, seq, type, author_kind, body, created_at) VALUES (?, ?, 'message', 'visitor', ?, ?)`,
  );
  const one = db.transaction((i: number) => {
    const body = Array.from({ length: 12 }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ');
    insert.run(`cnv_${i % 500}`, i, body, i);
  });
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) one(i);
  const micros = Number(process.hrtime.bigint() - start) / 1000 / N;
  db.close();
  return micros;
}

run(false);
run(true);
const without = run(false);
const withIndex = run(true);
console.log(
  `message insert: ${without.toFixed(1)} µs without the index, ${withIndex.toFixed(1)} µs with it (+${(withIndex - without).toFixed(1)} µs)`,
);
