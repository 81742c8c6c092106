import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agentPictures } from '../../db/schema.ts';
import type { AvatarsRepository, PictureRow } from './avatars.repository.ts';

/** `agent_pictures` on SQLite. */
export class SqliteAvatarsRepository implements AvatarsRepository {
  constructor(private readonly db: Db) {}

  async all(): Promise<PictureRow[]> {
    return this.db.select().from(agentPictures).all();
  }

  async ofAgent(siteId: string, agentId: string): Promise<PictureRow | undefined> {
    return this.db
      .select()
      .from(agentPictures)
      .where(and(eq(agentPictures.siteId, siteId), eq(agentPictures.agentId, agentId)))
      .get();
  }

  async replace(row: PictureRow): Promise<void> {
    const { id, contentType, bytes, createdAt } = row;
    this.db
      .insert(agentPictures)
      .values(row)
      .onConflictDoUpdate({
        target: agentPictures.agentId,
        set: { id, contentType, bytes, createdAt },
        setWhere: eq(agentPictures.siteId, row.siteId),
      })
      .run();
  }

  async remove(siteId: string, agentId: string): Promise<void> {
    this.db
      .delete(agentPictures)
      .where(and(eq(agentPictures.siteId, siteId), eq(agentPictures.agentId, agentId)))
      .run();
  }
}
