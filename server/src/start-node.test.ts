import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startNode, type StartedNode } from './start-node.ts';
import { testConfig } from './testing/harness.ts';
import { postgresPerTest } from './testing/postgres.ts';

const postgres = postgresPerTest();
const started: StartedNode[] = [];
let dir: string | undefined;

afterEach(async () => {
  for (const node of started.splice(0)) await node.app.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function read<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function siteIds(url: string): Promise<string[]> {
  return (await read<{ id: string }>(url, 'SELECT id FROM sites')).map((row) => row.id);
}

describe('starting nodes of a cluster', () => {
  it('makes one demo shop when two nodes start at once on a new PostgreSQL database', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mostrador-start-'));
    const configOf = (node: string) =>
      testConfig({ databaseFile: join(dir!, `${node}.sqlite`), databaseUrl: postgres.database.url, nodeId: node }, {});
    const nodes = await Promise.all([startNode(configOf('node-a')), startNode(configOf('node-b'))]);
    started.push(...nodes);
    const [a, b] = nodes as [StartedNode, StartedNode];

    expect(await siteIds(postgres.database.url)).toEqual([a.seed.site.id]);
    // One demo history too (about 150–180 conversations), not one per node.
    const [history] = await read<{ n: string }>(postgres.database.url, 'SELECT count(*) AS n FROM conversations');
    expect(Number(history?.n)).toBeGreaterThanOrEqual(140);
    expect(Number(history?.n)).toBeLessThanOrEqual(220);
    expect(b.seed.site.id).toBe(a.seed.site.id);
    // Exactly one of them made the account, so exactly one knows its password.
    expect(nodes.filter((node) => node.seed.password !== null)).toHaveLength(1);
    for (const node of nodes) expect(node.app.services.sites.demoSite()?.key).toBe(a.seed.site.key);
  });

  it('finds the demo shop of the first run when it starts again on SQLite', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mostrador-start-'));
    const config = testConfig({ databaseFile: join(dir, 'node.sqlite'), databaseUrl: null }, {});
    const first = await startNode(config);
    await first.app.close();
    const again = await startNode(config);
    started.push(again);

    expect(first.seed.password).not.toBeNull();
    expect(again.seed).toMatchObject({ site: { id: first.seed.site.id }, password: null });
  });
});
