import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

let dir: string;
let file: string;
let writer: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  file = join(dir, 'db.sqlite');
  writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
});

afterEach(() => {
  writer.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GroupCommit', () => {
  it('commits writes queued in the same turn with one transaction', async () => {
    const gc = new GroupCommit(writer);
    const insert = writer.prepare('INSERT INTO t (v) VALUES (?)');
    const ids = await Promise.all(Array.from({ length: 100 }, (_, i) => gc.run(() => insert.run(`v${i}`).lastInsertRowid)));
    expect(ids).toHaveLength(100);
    expect(gc.committedBatches).toBe(1);
    await gc.run(() => insert.run('later'));
    expect(gc.committedBatches).toBe(2);
  });

  it('settles only after the commit, so another connection already sees the row', async () => {
    const gc = new GroupCommit(writer);
    const reader = new Database(file, { readonly: true });
    try {
      await gc.run(() => writer.prepare('INSERT INTO t (v) VALUES (?)').run('durable'));
      expect(reader.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    } finally {
      reader.close();
    }
  });

  it('rolls back only the failing write of a batch', async () => {
    const gc = new GroupCommit(writer);
    const insert = writer.prepare('INSERT INTO t (v) VALUES (?)');
    const results = await Promise.allSettled([
      gc.run(() => insert.run('a')),
      gc.run(() => {
        insert.run('b');
        insert.run('a'); // violates UNIQUE: this work, and its 'b', must vanish
      }),
      gc.run(() => insert.run('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(writer.prepare('SELECT v FROM t ORDER BY v').all()).toEqual([{ v: 'a' }, { v: 'c' }]);
  });
});
