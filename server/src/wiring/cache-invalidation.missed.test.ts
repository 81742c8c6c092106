import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { AgentSummary, SiteHours, TriggerRule } from '@mostrador/shared';
import { closeRedis, openRedis } from '../realtime/redis-client.ts';
import { clusterAdmin, clusterPerTest } from '../testing/cluster-apps.ts';
import { eventually } from '../testing/redis.ts';

const perTest = clusterPerTest();

const weekdays = {
  timeZone: 'Europe/Madrid',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
  holidays: [],
  closures: [],
};

/** Writes straight to the tables: changes whose messages never reached the other nodes. */
async function writeBehindTheirBacks(url: string, siteId: string, agentEmail: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`UPDATE sites SET name = 'Behind their backs' WHERE id = $1`, [siteId]);
    await client.query(`UPDATE agents SET role = 'admin', name = 'Marta M.' WHERE email = $1`, [agentEmail]);
    await client.query(`UPDATE trigger_rules SET enabled = true WHERE site_id = $1`, [siteId]);
    await client.query(`INSERT INTO business_hours (site_id, scope, schedule, updated_at) VALUES ($1, 'site', $2, 1)`, [
      siteId,
      JSON.stringify(weekdays),
    ]);
    await client.query(
      `INSERT INTO departments (id, site_id, slug, name, routing, created_at) VALUES ('dep_behind', $1, 'sales', 'Sales', 'auto', 1)`,
      [siteId],
    );
  } finally {
    await client.end();
  }
}

describe('a node whose cluster messages may have been lost', () => {
  it('reads every cache again once its subscription is back', async () => {
    const cluster = await perTest.start(2);
    const [, b] = cluster.nodes;
    const admin = await clusterAdmin(cluster);
    const get = async <T>(url: string) => (await b!.app.inject({ method: 'GET', url, cookies: admin })).json<T>();
    // B has read what it serves at start, and is told of nothing that follows.
    await writeBehindTheirBacks(cluster.database.url, cluster.siteId, cluster.agentEmail);
    expect((await get<{ name: string }>('/api/admin/site')).name).toBe('Test shop');

    // The bus's subscription drops (as when Redis restarts or the connection breaks) and comes back by itself.
    const observer = openRedis(cluster.redis.url, { info: () => undefined, warn: () => undefined });
    try {
      await observer.sendCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub']);
    } finally {
      await closeRedis(observer);
    }

    await eventually(
      'b serves the site as the table has it',
      async () => (await get<{ name: string }>('/api/admin/site')).name === 'Behind their backs',
    );
    await eventually('b serves the rest as the table has it', async () => {
      const agents = await get<{ agents: AgentSummary[] }>('/api/admin/agents');
      const rules = await get<{ triggers: TriggerRule[] }>('/api/admin/triggers');
      const hours = await get<SiteHours>('/api/admin/hours');
      const departments = await get<{ departments: Array<{ slug: string }> }>('/api/admin/departments');
      return (
        agents.agents.some((a) => a.name === 'Marta M.' && a.role === 'admin') &&
        rules.triggers.every((r) => r.enabled) &&
        hours.site !== null &&
        departments.departments.some((d) => d.slug === 'sales')
      );
    });
    expect(b!.app.services.triggers.evaluation(cluster.siteId).rules).toHaveLength(2);
  });
});
