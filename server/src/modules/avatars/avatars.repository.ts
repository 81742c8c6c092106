import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agentPictures } from '../../db/schema.ts';

export type PictureRow = typeof agentPictures.$inferSelect;

export class AvatarsRepository {
  constructor(private readonly db: Db) {}

  all(): PictureRow[] {
    return this.db.select().from(agentPictures).all();
  }

  /** One statement: the agent's row now names the new picture. */
  replace(row: PictureRow): void {
    const { id, contentType, bytes, createdAt } = row;
    this.db
      .insert(agentPictures)
      .values(row)
      .onConflictDoUpdate({ target: agentPictures.agentId, set: { id, contentType, bytes, createdAt } })
      .run();
  }

  remove(agentId: string): void {
    this.db.delete(agentPictures).where(eq(agentPictures.agentId, agentId)).run();
  }
}
