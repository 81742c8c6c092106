import { createHash } from 'node:crypto';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { connectVisitorSession, visitorCommand } from '../testing/harness.ts';
import { createTestDatabase, postgresPerTest } from '../testing/postgres.ts';
import { openDatabase } from './client.ts';
import { tablesToCopy } from './copy-inventory.ts';
import { copySqliteToPostgres } from './copy-to-postgres.ts';
import { openPostgres } from './pg/client.ts';
import * as pgSchema from './pg/schema/index.ts';
import * as sqliteSchema from './schema.ts';
import { usedInstall, type UsedInstall } from './used-install-fixture.ts';

const postgres = postgresPerTest();
let install: UsedInstall | undefined;

afterEach(async () => {
  await install?.close();
  install = undefined;
});

async function stoppedInstall(): Promise<UsedInstall> {
  install = await usedInstall();
  await install.stop();
  return install;
}

/** JSON with every object's keys sorted, at every depth: the same row reads the same whichever engine gave it. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Every row of every table on one engine, each table's rows in a stable order, for comparing the two. */
async function everyRow(read: (table: SQLiteTable | PgTable) => Promise<unknown[]>, tables: Record<string, unknown>) {
  const all: Record<string, string[]> = {};
  for (const [key, table] of Object.entries(tables)) {
    if (!is(table, SQLiteTable) && !is(table, PgTable)) continue;
    all[key] = (await read(table)).map(canonical).sort();
  }
  return all;
}

/** Statements on the SQLite file, as an older version or a hand at the sqlite3 prompt would have run them. */
function editSource<T>(file: string, edit: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(file);
  try {
    return edit(sqlite);
  } finally {
    sqlite.close();
  }
}

/** A query on the target database, through a connection of its own. */
async function onTarget<T>(query: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgres.database.url });
  await client.connect();
  try {
    return await query(client);
  } finally {
    await client.end();
  }
}

/** How many rows each table of the target holds. */
async function rowsInTarget(url: string): Promise<Record<string, number>> {
  const target = await openPostgres(url);
  try {
    const counts: Record<string, number> = {};
    for (const { name, pg: table } of tablesToCopy()) {
      const [row] = await target.db.select({ n: sql<number>`count(*)::int` }).from(table);
      counts[name] = row?.n ?? 0;
    }
    return counts;
  } finally {
    await target.close();
  }
}

describe('moving a SQLite install to PostgreSQL', () => {
  it('copies every row of every table, parents first, each value as the app reads it on either engine', async () => {
    const { file } = await stoppedInstall();
    const copied = await copySqliteToPostgres(file, postgres.database.url);
    const order = copied.map((table) => table.table);
    expect(order.indexOf('sites')).toBeLessThan(order.indexOf('visitors'));
    expect(order.indexOf('visitors')).toBeLessThan(order.indexOf('conversations'));
    expect(order.indexOf('conversations')).toBeLessThan(order.indexOf('conversation_events'));
    // The install filled every table, so every column's conversion below is checked on a real value.
    expect(copied.filter((table) => table.rows === 0).map((table) => table.table)).toEqual([]);

    const source = openDatabase(file);
    const target = await openPostgres(postgres.database.url);
    try {
      const before = await everyRow(
        async (table) =>
          source.db
            .select()
            .from(table as SQLiteTable)
            .all(),
        sqliteSchema,
      );
      const after = await everyRow(async (table) => target.db.select().from(table as PgTable), pgSchema);
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      for (const key of Object.keys(before)) expect(after[key], key).toEqual(before[key]);
      expect(copied.map(({ table, rows }) => [table, rows])).toEqual(
        tablesToCopy().map(({ name, sqlite }) => [name, source.db.select().from(sqlite).all().length]),
      );
    } finally {
      source.sqlite.close();
      await target.close();
    }
  }, 90_000);

  it('continues every identity past the highest id SQLite ever gave, even when the newest rows were deleted', async () => {
    const { file } = await stoppedInstall();
    const highest = editSource(file, (sqlite) => {
      const { seq } = sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'cart_events'").get() as { seq: number };
      sqlite.prepare('DELETE FROM cart_events WHERE id = ?').run(seq);
      return seq;
    });
    await copySqliteToPostgres(file, postgres.database.url);
    const next = await onTarget((client) =>
      client.query<{ id: string }>(`SELECT nextval(pg_get_serial_sequence('cart_events', 'id')) AS id`),
    );
    expect(Number(next.rows[0]!.id)).toBe(highest + 1);
  }, 60_000);

  it('refuses a database that holds any row, its own or another program’s, and leaves it as it was', async () => {
    const { file } = await stoppedInstall();
    await copySqliteToPostgres(file, postgres.database.url);
    const copied = await rowsInTarget(postgres.database.url);
    await expect(copySqliteToPostgres(file, postgres.database.url)).rejects.toThrow(
      /^The PostgreSQL database is not empty \(.*\bsites\b.* hold rows\): copy into a new, empty database$/,
    );
    expect(await rowsInTarget(postgres.database.url)).toEqual(copied);
  }, 60_000);

  it('never migrates a database that holds another program’s rows', async () => {
    const { file } = await stoppedInstall();
    await onTarget((client) => client.query('CREATE TABLE invoices (id int PRIMARY KEY); INSERT INTO invoices VALUES (1)'));
    await expect(copySqliteToPostgres(file, postgres.database.url)).rejects.toThrow(/not empty \(invoices hold rows\)/);
    const tables = await onTarget((client) =>
      client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"),
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(['invoices']);
  }, 60_000);

  it('leaves the target without a row when a table fails halfway, and copies once the cause is gone', async () => {
    const { file } = await stoppedInstall();
    // A message whose conversation is gone (an install that ran once with foreign keys off): PostgreSQL refuses it.
    editSource(file, (sqlite) => {
      sqlite.pragma('foreign_keys = OFF');
      sqlite
        .prepare(
          "INSERT INTO conversation_events (conversation_id, seq, type, author_kind, body, created_at) VALUES ('gone', 1, 'message', 'visitor', 'Hola', 1)",
        )
        .run();
    });
    await expect(copySqliteToPostgres(file, postgres.database.url)).rejects.toThrow(
      /^conversation_events: .*violates foreign key constraint.*\(Key \(conversation_id\)=\(gone\) is not present/,
    );
    expect(Object.values(await rowsInTarget(postgres.database.url)).every((rows) => rows === 0)).toBe(true);

    editSource(file, (sqlite) => sqlite.prepare("DELETE FROM conversation_events WHERE conversation_id = 'gone'").run());
    const copied = await copySqliteToPostgres(file, postgres.database.url);
    expect(copied.find((table) => table.table === 'conversation_events')?.rows).toBeGreaterThan(0);
  }, 60_000);

  it('copies an install that is in use, as one moment of it, and never writes its file', async () => {
    // The shopper writes as fast as the server answers: no rate limit in the way.
    install = await usedInstall({ limits: { visitorMessages: { burst: 100_000, perSecond: 100_000 } } });
    const { server, openChat } = install;
    const shopper = await connectVisitorSession(server, openChat.visitorToken);
    try {
      // The shop goes on while the copy reads: a message every few milliseconds.
      let writing = true;
      const writes = (async () => {
        for (let i = 0; writing; i++) {
          const sent = await visitorCommand(shopper.socket, 'message:send', {
            clientId: `copy-live-${i}-xxxx`,
            body: `Encara hi sou? ${i}`,
          });
          if (!sent.ok) throw new Error(sent.error.message);
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await copySqliteToPostgres(install.file, postgres.database.url);
      writing = false;
      await writes;
    } finally {
      shopper.socket.disconnect();
    }
    // One moment: each conversation's last seq is its newest event's, even with messages landing during the copy.
    const torn = await onTarget((client) =>
      client.query(
        'SELECT c.id FROM conversations c LEFT JOIN conversation_events e ON e.conversation_id = c.id GROUP BY c.id HAVING c.last_seq <> COALESCE(MAX(e.seq), 0)',
      ),
    );
    expect(torn.rows).toEqual([]);

    // Stopped, the file is copied again without a byte of it changing, even made read-only.
    await install.stop();
    const hash = () => createHash('sha256').update(readFileSync(install!.file)).digest('hex');
    const before = hash();
    chmodSync(install.file, 0o444);
    const second = await createTestDatabase();
    try {
      await copySqliteToPostgres(install.file, second.url);
    } finally {
      await second.drop();
    }
    expect(hash()).toBe(before);
  }, 90_000);

  it('drops the NUL characters SQLite kept and PostgreSQL refuses, rather than failing the copy', async () => {
    const { file } = await stoppedInstall();
    editSource(file, (sqlite) =>
      sqlite
        .prepare("UPDATE conversation_events SET body = 'Sí, en negre' || char(0) || ' i en blau.' WHERE body LIKE 'Sí, en negre%'")
        .run(),
    );
    await copySqliteToPostgres(file, postgres.database.url);
    const bodies = await onTarget((client) =>
      client.query<{ body: string }>("SELECT body FROM conversation_events WHERE body LIKE 'Sí, en negre%'"),
    );
    expect(bodies.rows.map((row) => row.body)).toEqual(['Sí, en negre i en blau.']);
  }, 60_000);

  it('stops at a number JSON cannot carry rather than copying it as a missing one', async () => {
    const { file } = await stoppedInstall();
    editSource(file, (sqlite) => sqlite.prepare('UPDATE cart_events SET total = 9e999').run());
    await expect(copySqliteToPostgres(file, postgres.database.url)).rejects.toThrow(/^cart_events: Infinity cannot be written as JSON$/);
    expect(Object.values(await rowsInTarget(postgres.database.url)).every((rows) => rows === 0)).toBe(true);
  }, 60_000);

  it('refuses a SQLite file that does not exist rather than copying an empty database', async () => {
    await expect(copySqliteToPostgres(join('/nonexistent', 'mostrador.sqlite'), postgres.database.url)).rejects.toThrow(
      /No SQLite database/,
    );
  });
});
