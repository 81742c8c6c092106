import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agents, sites } from '../../db/schema.ts';
import type { AgentColumns, AgentRow, AgentsRepository, SiteOfAgent } from './agents.repository.ts';

const ofSite = (siteId: string, id: string) => and(eq(agents.siteId, siteId), eq(agents.id, id));

/** `agents` on SQLite. */
export class SqliteAgentsRepository implements AgentsRepository {
  constructor(private readonly db: Db) {}

  async all(): Promise<AgentRow[]> {
    return this.db.select().from(agents).all();
  }

  async insert(row: AgentRow): Promise<boolean> {
    const inserted = this.db.insert(agents).values(row).onConflictDoNothing({ target: agents.email }).returning({ id: agents.id }).get();
    return inserted !== undefined;
  }

  async byId(siteId: string, id: string): Promise<AgentRow | undefined> {
    return this.db.select().from(agents).where(ofSite(siteId, id)).get();
  }

  async update(siteId: string, id: string, changes: AgentColumns): Promise<AgentRow | undefined> {
    return this.db.update(agents).set(changes).where(ofSite(siteId, id)).returning().get();
  }

  async claimTotpStep(siteId: string, id: string, step: number): Promise<AgentRow | undefined> {
    return this.db
      .update(agents)
      .set({ totpLastStep: step })
      .where(and(ofSite(siteId, id), or(isNull(agents.totpLastStep), lt(agents.totpLastStep, step))))
      .returning()
      .get();
  }

  async byEmail(email: string): Promise<AgentRow | undefined> {
    return this.db.select().from(agents).where(eq(agents.email, email)).get();
  }

  async withSite(agentId: string): Promise<{ agent: AgentRow; site: SiteOfAgent } | undefined> {
    return this.db
      .select({ agent: agents, site: { id: sites.id, name: sites.name, key: sites.key } })
      .from(agents)
      .innerJoin(sites, eq(sites.id, agents.siteId))
      .where(eq(agents.id, agentId))
      .get();
  }
}
