import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agents, sites } from '../../db/schema.ts';

export type AgentRow = typeof agents.$inferSelect;
export type SiteOfAgent = Pick<typeof sites.$inferSelect, 'id' | 'name' | 'key'>;

export class AgentsRepository {
  constructor(private readonly db: Db) {}

  insert(row: typeof agents.$inferInsert): void {
    this.db.insert(agents).values(row).run();
  }

  /** Within the site only: another site's agent is not found. */
  byId(siteId: string, id: string): AgentRow | undefined {
    return this.db
      .select()
      .from(agents)
      .where(and(eq(agents.siteId, siteId), eq(agents.id, id)))
      .get();
  }

  listBySite(siteId: string): AgentRow[] {
    return this.db.select().from(agents).where(eq(agents.siteId, siteId)).orderBy(asc(agents.name)).all();
  }

  update(
    siteId: string,
    id: string,
    changes: Partial<
      Pick<AgentRow, 'name' | 'role' | 'capacity' | 'passwordHash' | 'availability' | 'active' | 'totpSecret' | 'totpLastStep'>
    >,
  ): AgentRow | undefined {
    return this.db
      .update(agents)
      .set(changes)
      .where(and(eq(agents.siteId, siteId), eq(agents.id, id)))
      .returning()
      .get();
  }

  byEmail(email: string): AgentRow | undefined {
    return this.db.select().from(agents).where(eq(agents.email, email)).get();
  }

  withSite(agentId: string): { agent: AgentRow; site: SiteOfAgent } | undefined {
    return this.db
      .select({ agent: agents, site: { id: sites.id, name: sites.name, key: sites.key } })
      .from(agents)
      .innerJoin(sites, eq(sites.id, agents.siteId))
      .where(eq(agents.id, agentId))
      .get();
  }
}
