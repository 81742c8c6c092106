import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { SQLITE_TX } from '../../db/committer.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { auditLog } from '../../db/schema.ts';
import type { AuditRepository, AuditRow, NewAuditRow } from './audit.repository.ts';

/**
 * audit_log on SQLite: an entry on its own rides the group commit, like the
 * admin change it records; `…InTx` methods run in the transaction already
 * open on this connection (the Tx carries nothing on SQLite).
 */
export class SqliteAuditRepository implements AuditRepository {
  constructor(
    private readonly db: Db,
    private readonly groupCommit: GroupCommit,
  ) {}

  async insert(row: NewAuditRow): Promise<void> {
    await this.groupCommit.run(() => this.insertInTx(SQLITE_TX, row));
  }

  insertInTx(_tx: unknown, row: NewAuditRow): void {
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

  async aboutTargets(siteId: string, targetIds: readonly string[]): Promise<AuditRow[]> {
    if (targetIds.length === 0) return [];
    return this.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.siteId, siteId), inArray(auditLog.targetId, [...targetIds])))
      .all();
  }

  unlinkTargetsInTx(_tx: unknown, siteId: string, targetIds: readonly string[]): number {
    if (targetIds.length === 0) return 0;
    return this.db
      .update(auditLog)
      .set({ targetId: null })
      .where(and(eq(auditLog.siteId, siteId), inArray(auditLog.targetId, [...targetIds])))
      .run().changes;
  }
}
