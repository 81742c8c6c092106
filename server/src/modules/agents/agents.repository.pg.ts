import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { PgDb } from '../../db/pg/client.ts';
import { agents, sites } from '../../db/pg/schema/index.ts';
import type { AgentColumns, AgentRow, AgentsRepository, SiteOfAgent } from './agents.repository.ts';

const ofSite = (siteId: string, id: string) => and(eq(agents.siteId, siteId), eq(agents.id, id));

/** `agents` on PostgreSQL: the same contract as the SQLite repository's. */
export class PgAgentsRepository implements AgentsRepository {
  constructor(private readonly db: PgDb) {}

  all(): Promise<AgentRow[]> {
    return this.db.select().from(agents);
  }

  async insert(row: AgentRow): Promise<boolean> {
    const inserted = await this.db.insert(agents).values(row).onConflictDoNothing({ target: agents.email }).returning({ id: agents.id });
    return inserted.length > 0;
  }

  async byId(siteId: string, id: string): Promise<AgentRow | undefined> {
    const [row] = await this.db.select().from(agents).where(ofSite(siteId, id));
    return row;
  }

  async update(siteId: string, id: string, changes: AgentColumns): Promise<AgentRow | undefined> {
    const [row] = await this.db.update(agents).set(changes).where(ofSite(siteId, id)).returning();
    return row;
  }

  async claimTotpStep(siteId: string, id: string, step: number): Promise<AgentRow | undefined> {
    const [row] = await this.db
      .update(agents)
      .set({ totpLastStep: step })
      .where(and(ofSite(siteId, id), or(isNull(agents.totpLastStep), lt(agents.totpLastStep, step))))
      .returning();
    return row;
  }

  async byEmail(email: string): Promise<AgentRow | undefined> {
    const [row] = await this.db.select().from(agents).where(eq(agents.email, email));
    return row;
  }

  async withSite(agentId: string): Promise<{ agent: AgentRow; site: SiteOfAgent } | undefined> {
    const [row] = await this.db
      .select({ agent: agents, site: { id: sites.id, name: sites.name, key: sites.key } })
      .from(agents)
      .innerJoin(sites, eq(sites.id, agents.siteId))
      .where(eq(agents.id, agentId));
    return row;
  }
}
