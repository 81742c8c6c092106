import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { endedOfVisitorQuery } from './conversations.statements.ts';

const dir = mkdtempSync(join(tmpdir(), 'conversations-statements-'));
const opened = openDatabase(join(dir, 'db.sqlite'));
afterAll(() => {
  opened.sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the statements’ query plans', () => {
  it('reads a visitor’s earlier conversations by the visitor’s index, never by walking the site’s history (each connection asks)', () => {
    const { sql, params } = endedOfVisitorQuery(opened.db).toSQL();
    const plan = opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params.map(() => 'x')) as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join('\n')).toMatch(/USING INDEX conversations_visitor \(visitor_id=\? AND created_at<\?\)/);
  });
});
