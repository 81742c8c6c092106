import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = Omit<AuditRow, 'id'>;

/** The only code touching audit_log. */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  insert(row: NewAuditRow): void {
    this.db.insert(auditLog).values(row).run();
  }

  /** Newest first. */
  page(siteId: string, before: number | undefined, limit: number): AuditRow[] {
    return this.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.siteId, siteId), before === undefined ? undefined : lt(auditLog.id, before)))
      .orderBy(desc(auditLog.id))
      .limit(limit)
      .all();
  }

  aboutTargets(siteId: string, targetIds: readonly string[]): AuditRow[] {
    if (targetIds.length === 0) return [];
    return this.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.siteId, siteId), inArray(auditLog.targetId, [...targetIds])))
      .all();
  }

  /** Keeps what was done, forgets to whom. */
  unlinkTargets(siteId: string, targetIds: readonly string[]): number {
    if (targetIds.length === 0) return 0;
    return this.db
      .update(auditLog)
      .set({ targetId: null })
      .where(and(eq(auditLog.siteId, siteId), inArray(auditLog.targetId, [...targetIds])))
      .run().changes;
  }
}
