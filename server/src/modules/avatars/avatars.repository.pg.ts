import { and, eq } from 'drizzle-orm';
import type { PgDb } from '../../db/pg/client.ts';
import { agentPictures } from '../../db/pg/schema/index.ts';
import type { AvatarsRepository, PictureRow } from './avatars.repository.ts';

/** `agent_pictures` on PostgreSQL: the same contract as the SQLite repository's. */
export class PgAvatarsRepository implements AvatarsRepository {
  constructor(private readonly db: PgDb) {}

  all(): Promise<PictureRow[]> {
    return this.db.select().from(agentPictures);
  }

  async ofAgent(siteId: string, agentId: string): Promise<PictureRow | undefined> {
    const [row] = await this.db
      .select()
      .from(agentPictures)
      .where(and(eq(agentPictures.siteId, siteId), eq(agentPictures.agentId, agentId)));
    return row;
  }

  async replace(row: PictureRow): Promise<void> {
    const { id, contentType, bytes, createdAt } = row;
    await this.db
      .insert(agentPictures)
      .values(row)
      .onConflictDoUpdate({
        target: agentPictures.agentId,
        set: { id, contentType, bytes, createdAt },
        setWhere: eq(agentPictures.siteId, row.siteId),
      });
  }

  async remove(siteId: string, agentId: string): Promise<void> {
    await this.db.delete(agentPictures).where(and(eq(agentPictures.siteId, siteId), eq(agentPictures.agentId, agentId)));
  }
}
