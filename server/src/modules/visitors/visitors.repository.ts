import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { visitors } from '../../db/schema.ts';

export type VisitorRow = typeof visitors.$inferSelect;

export class VisitorsRepository {
  constructor(private readonly db: Db) {}

  insert(row: VisitorRow): void {
    this.db.insert(visitors).values(row).run();
  }

  bySiteAndTokenHash(siteId: string, tokenHash: string): VisitorRow | undefined {
    return this.db
      .select()
      .from(visitors)
      .where(and(eq(visitors.siteId, siteId), eq(visitors.tokenHash, tokenHash)))
      .get();
  }

  touch(id: string, at: number): void {
    this.db.update(visitors).set({ lastSeenAt: at }).where(eq(visitors.id, id)).run();
  }
}
