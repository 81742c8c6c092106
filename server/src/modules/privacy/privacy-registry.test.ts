import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../db/schema.ts';
import { buildTestApp } from '../../testing/harness.ts';
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

  it('answers for the database as migrated, not only the schema file', () => {
    const inDatabase = (
      app.sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
        .all() as Array<{ name: string }>
    )
      .map((r) => r.name)
      .sort();
    expect(inDatabase).toEqual(schemaTables);
  });
});
