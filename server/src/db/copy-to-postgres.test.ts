import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../modules/demo-shop/index.ts';
import { connectVisitorSession, productMarkup, startTestServer, visitorCommand } from '../testing/harness.ts';
import { postgresPerTest } from '../testing/postgres.ts';
import { openDatabase } from './client.ts';
import { copySqliteToPostgres } from './copy-to-postgres.ts';
import { openPostgres } from './pg/client.ts';
import * as pgSchema from './pg/schema/index.ts';
import * as sqliteSchema from './schema.ts';

const postgres = postgresPerTest();

/** A SQLite install that has been used: the demo shop, a shopper's page, cart and messages, then the server stopped. */
async function usedInstall(): Promise<{ file: string; close(): Promise<void> }> {
  // On SQLite whatever engine the suite runs the app on (TEST_ENGINE): this is the install being moved.
  const server = await startTestServer({ databaseUrl: null });
  await seedDemo(server.app.services, { password: 'copy-test-pass' });
  const visitor = await connectVisitorSession(server);
  const hoodie = { name: 'Dessuadora', sku: 'HOOD-M', price: 42, currency: 'EUR', image: null, availability: 'in_stock' as const };
  await visitorCommand(visitor.socket, 'page:viewed', {
    url: 'https://shop.example/p/hoodie',
    title: 'Dessuadora',
    referrer: '',
    markup: productMarkup(hoodie),
  });
  await visitorCommand(visitor.socket, 'cart:updated', {
    cart: { items: [{ sku: 'HOOD-M', name: 'Dessuadora', qty: 1, price: 42, url: null, image: null }], total: 42, currency: 'EUR' },
    stage: 'browsing',
    source: 'manual',
  });
  for (const [i, body] of ['Hola!', 'Teniu la talla M?'].entries()) {
    const sent = await visitorCommand(visitor.socket, 'message:send', { clientId: `copy-msg-${i}-xxxx`, body });
    expect(sent.ok).toBe(true);
  }
  visitor.socket.close();
  await server.stop();
  return { file: server.config.databaseFile, close: () => server.close() };
}

/** Every row of every table on one engine, each table's rows in a stable order, for comparing the two. */
async function everyRow(read: (table: SQLiteTable | PgTable) => Promise<unknown[]>, tables: Record<string, unknown>) {
  const all: Record<string, string[]> = {};
  for (const [key, table] of Object.entries(tables)) {
    if (!is(table, SQLiteTable) && !is(table, PgTable)) continue;
    all[key] = (await read(table)).map((row) => JSON.stringify(row, Object.keys(row as object).sort())).sort();
  }
  return all;
}

describe('moving a SQLite install to PostgreSQL', () => {
  it('copies every row of every table, parents first, and PostgreSQL numbers new rows after the copied ones', async () => {
    const install = await usedInstall();
    try {
      const copied = await copySqliteToPostgres(install.file, postgres.database.url);
      const order = copied.map((table) => table.table);
      expect(order.indexOf('sites')).toBeLessThan(order.indexOf('visitors'));
      expect(order.indexOf('visitors')).toBeLessThan(order.indexOf('conversations'));
      expect(order.indexOf('conversations')).toBeLessThan(order.indexOf('conversation_events'));
      const rowsOf = (name: string) => copied.find((table) => table.table === name)?.rows;
      expect(rowsOf('conversation_events')).toBeGreaterThanOrEqual(2);
      expect(rowsOf('trigger_rules')).toBeGreaterThan(0);
      expect(rowsOf('cart_events')).toBeGreaterThan(0);

      const source = openDatabase(install.file);
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
        expect(after).toEqual(before);
        // An identity continues past the copied ids: the next cart event cannot take an id already copied.
        const [{ max } = { max: 0 }] = source.db.select({ max: sql<number>`max(id)` }).from(sqliteSchema.cartEvents).all();
        expect(max).toBeGreaterThan(0);
        const next = await target.pool.query<{ id: string }>(`SELECT nextval(pg_get_serial_sequence('cart_events', 'id')) AS id`);
        expect(Number(next.rows[0]!.id)).toBe(max + 1);
      } finally {
        source.sqlite.close();
        await target.close();
      }
    } finally {
      await install.close();
    }
  }, 60_000);

  it('refuses a PostgreSQL database that already holds rows, and leaves it as it was', async () => {
    const install = await usedInstall();
    try {
      await copySqliteToPostgres(install.file, postgres.database.url);
      await expect(copySqliteToPostgres(install.file, postgres.database.url)).rejects.toThrow(/not empty \(sites has rows\)/);
      const target = await openPostgres(postgres.database.url);
      try {
        const sites = await target.db.select().from(pgSchema.sites);
        expect(sites.map((site) => site.name).sort()).toEqual(['Botiga Mostrador', 'Test shop']);
      } finally {
        await target.close();
      }
    } finally {
      await install.close();
    }
  }, 60_000);

  it('is one command: it prints each table and the total, and answers with its exit code', async () => {
    const install = await usedInstall();
    const here = dirname(fileURLToPath(import.meta.url));
    // As the package script runs it: from the server package, where tsx is installed.
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', join(here, 'copy-cli.ts'), ...args], { cwd: join(here, '..', '..') });
    try {
      const { stdout } = await run('--from', install.file, '--to', postgres.database.url);
      expect(stdout).toMatch(/^sites: 2 rows$/m);
      expect(stdout).toMatch(/^Copied \d+ rows in \d+ tables\.$/m);
      await expect(run('--from', install.file, '--to', postgres.database.url)).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/^Nothing was copied: The PostgreSQL database is not empty/),
      });
      await expect(run('--from', install.file)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/^Usage: /) });
    } finally {
      await install.close();
    }
  }, 60_000);

  it('drops the NUL characters SQLite kept and PostgreSQL refuses, rather than failing the copy', async () => {
    const install = await usedInstall();
    try {
      const source = openDatabase(install.file);
      source.sqlite.prepare("UPDATE conversation_events SET body = 'Hola' || char(0) || '!' WHERE body = 'Hola!'").run();
      source.sqlite.close();
      await copySqliteToPostgres(install.file, postgres.database.url);
      const target = await openPostgres(postgres.database.url);
      try {
        const bodies = await target.pool.query<{ body: string }>("SELECT body FROM conversation_events WHERE body LIKE 'Hola%'");
        expect(bodies.rows.map((row) => row.body)).toEqual(['Hola!']);
      } finally {
        await target.close();
      }
    } finally {
      await install.close();
    }
  }, 60_000);

  it('refuses a SQLite file that does not exist rather than copying an empty database', async () => {
    await expect(copySqliteToPostgres(join('/nonexistent', 'mostrador.sqlite'), postgres.database.url)).rejects.toThrow(
      /No SQLite database/,
    );
  });
});
