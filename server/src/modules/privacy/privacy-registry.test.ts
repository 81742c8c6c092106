import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../db/schema.ts';
import { buildTestApp, sqlOn } from '../../testing/harness.ts';
import type { App } from '../../app.ts';
import { NOT_PERSONAL_TABLES } from './not-personal.ts';

let app: App;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ app, cleanup } = await buildTestApp());
});

afterAll(async () => cleanup());

const schemaTables = Object.values(schema)
  .filter((value) => is(value, SQLiteTable))
  .map((table) => getTableName(table as SQLiteTable))
  .sort();

describe('the privacy registry', () => {
  it('covers every table of the schema: each one is registered as personal data or declared not personal, never both', () => {
    const registered = app.services.privacyRegistry.tables();
    const declared = Object.keys(NOT_PERSONAL_TABLES);
    const undecided = schemaTables.filter((t) => !registered.includes(t) && !declared.includes(t));
    expect(undecided, 'tables nobody decided about: register a PersonalDataSource or add them to NOT_PERSONAL_TABLES').toEqual([]);
    expect(registered.filter((t) => declared.includes(t))).toEqual([]);
    // Nothing registered or declared that the schema no longer has.
    expect([...registered, ...declared].filter((t) => !schemaTables.includes(t))).toEqual([]);
    expect(new Set(registered).size).toBe(registered.length);
  });

  it('gives a reason for each table it leaves out', () => {
    for (const [table, reason] of Object.entries(NOT_PERSONAL_TABLES)) expect(reason.length, table).toBeGreaterThan(10);
  });

  it('answers for the database as migrated, not only the schema file', async () => {
    const inDatabase = await sqlOn(app.engine).tables();
    // The full-text index is not in drizzle's schema: on SQLite FTS5's shadow tables (migration 0006_search), on
    // PostgreSQL the words kept for close spellings (drizzle-pg/0003_search). They hold message text, but only as an
    // index of conversation_events kept in step by triggers: erasing or purging an event removes it from the index in
    // the same transaction (the search tests and the erase test prove it).
    const searchIndex = inDatabase.filter((name) => /^conversation_search(_|$)/.test(name));
    expect(searchIndex).toContain(app.engine.kind === 'sqlite' ? 'conversation_search_data' : 'conversation_search_words');
    expect(inDatabase.filter((name) => !searchIndex.includes(name))).toEqual(schemaTables);
  });
});
