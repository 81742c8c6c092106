import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { auditLog } from '../../db/schema.ts';
import type { AuditInTransaction, AuditRepository, AuditRow, NewAuditRow } from './audit.repository.ts';

/** audit_log on SQLite: an entry on its own rides the group commit, like the admin change it records. */
export class SqliteAuditRepository implements AuditRepository, AuditInTransaction {
  constructor(
    private readonly db: Db,
    private readonly groupCommit: GroupCommit,
  ) {}

  async insert(row: NewAuditRow): Promise<void> {
    await this.groupCommit.run(() => this.insertInTx(row));
  }

  insertInTx(row: NewAuditRow): void {
    this.db.insert(auditLog).values(row).run();
  }

  async page(siteId: string, before: number | undefined, limit: number): Promise<AuditRow[]> {
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

  unlinkTargets(siteId: string, targetIds: readonly string[]): number {
    if (targetIds.length === 0) return 0;
    return this.db
      .update(auditLog)
      .set({ targetId: null })
      .where(and(eq(auditLog.siteId, siteId), inArray(auditLog.targetId, [...targetIds])))
      .run().changes;
  }
}
