import { getTableName, is, type Column, type SQL, type Table } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as sqliteSchema from '../schema.ts';
import * as pgSchema from './schema/index.ts';

/** What a repository written once for both engines relies on: the same names, keys, indexes and row types. */
interface TableShape {
  columns: { name: string; notNull: boolean; hasDefault: boolean; primary: boolean; uniqueConstraint: string | undefined }[];
  primaryKeys: string[];
  foreignKeys: string[];
  indexes: { name: string; unique: boolean; columns: string[]; where: string | undefined }[];
}

interface EngineTableConfig {
  name: string;
  columns: Column[];
  primaryKeys: { getName(): string }[];
  foreignKeys: { reference(): { columns: Column[]; foreignTable: Table; foreignColumns: Column[] }; onDelete: string | undefined }[];
  indexes: { config: { name?: string | undefined; unique: boolean; columns: unknown[]; where?: SQL | undefined } }[];
}

function shapeOf(config: EngineTableConfig, render: (where: SQL) => string): TableShape {
  const names = (columns: unknown[]) => columns.map((column) => (column as { name?: string }).name ?? 'expression');
  return {
    columns: config.columns
      .map((column) => ({
        name: column.name,
        notNull: column.notNull,
        hasDefault: column.hasDefault,
        primary: column.primary,
        uniqueConstraint: column.isUnique ? column.uniqueName : undefined,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    primaryKeys: config.primaryKeys.map((key) => key.getName()).sort(),
    foreignKeys: config.foreignKeys
      .map((key) => {
        const { columns, foreignTable, foreignColumns } = key.reference();
        return `${names(columns)} → ${getTableName(foreignTable)}(${names(foreignColumns)}) on delete ${key.onDelete ?? 'no action'}`;
      })
      .sort(),
    indexes: config.indexes
      .map(({ config: index }) => ({
        name: index.name ?? 'unnamed',
        unique: index.unique,
        columns: names(index.columns),
        where: index.where && render(index.where),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

const sqliteTables = new Map(
  Object.values(sqliteSchema)
    .filter((value) => is(value, SQLiteTable))
    .map((table) => {
      const config = getSqliteTableConfig(table);
      return [config.name, shapeOf(config, (where) => sqliteDialect.sqlToQuery(where).sql)] as const;
    }),
);
const pgTables = new Map(
  Object.values(pgSchema)
    .filter((value) => is(value, PgTable))
    .map((table) => {
      const config = getPgTableConfig(table);
      return [config.name, shapeOf(config, (where) => pgDialect.sqlToQuery(where).sql)] as const;
    }),
);

/** Each exported table's row types, by export name; anything else a schema file exports (EventData) drops out. */
type RowTypesOf<Schema> = {
  [Name in keyof Schema as Schema[Name] extends Table ? Name : never]: Schema[Name] extends Table
    ? { select: Schema[Name]['$inferSelect']; insert: Schema[Name]['$inferInsert'] }
    : never;
};

describe('the PostgreSQL schema mirrors the SQLite one', () => {
  it('has the same tables, none missing on either side', () => {
    expect(sqliteTables.size).toBeGreaterThan(30);
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
  });

  it.each([...sqliteTables.keys()])('gives %s the same columns, nullability, defaults, keys and indexes', (name) => {
    expect(pgTables.get(name)).toEqual(sqliteTables.get(name));
  });

  it('reads and writes the same row types for every table (checked by tsc: pnpm typecheck)', () => {
    // expectTypeOf does nothing at run time; a difference is a compile error in this file. The mapped type keys
    // by export name, so a table exported by one schema and not the other is a difference too.
    expectTypeOf<RowTypesOf<typeof pgSchema>>().toEqualTypeOf<RowTypesOf<typeof sqliteSchema>>();
  });
});
