import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import { pgTxOf, type Tx } from '../../db/committer.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { auditLog } from '../../db/pg/schema/index.ts';
import type { AuditRepository, AuditRow, NewAuditRow } from './audit.repository.ts';

/**
 * audit_log on PostgreSQL: the same contract as the SQLite repository's. An
 * entry on its own is one insert, its own transaction: admin changes are
 * rare, and nothing waits on them in the message path.
 */
export class PgAuditRepository implements AuditRepository {
  constructor(private readonly db: PgDb) {}

  async insert(row: NewAuditRow): Promise<void> {
    await this.db.insert(auditLog).values(row);
  }

  async insertInTx(tx: Tx, row: NewAuditRow): Promise<void> {
    await pgTxOf(tx).insert(auditLog).values(row);
  }

  page(siteId: string, before: number | undefined, limit: number): Promise<AuditRow[]> {
    return this.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.siteId, siteId), before === undefined ? undefined : lt(auditLog.id, before)))
      .orderBy(desc(auditLog.id))
      .limit(limit);
  }

  async aboutTargets(siteId: string, targetIds: readonly string[]): Promise<AuditRow[]> {
    if (targetIds.length === 0) return [];
    return this.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.siteId, siteId), inArray(auditLog.targetId, [...targetIds])));
  }

  async unlinkTargetsInTx(tx: Tx, siteId: string, targetIds: readonly string[]): Promise<number> {
    if (targetIds.length === 0) return 0;
    const result = await pgTxOf(tx)
      .update(auditLog)
      .set({ targetId: null })
      .where(and(eq(auditLog.siteId, siteId), inArray(auditLog.targetId, [...targetIds])));
    return result.rowCount ?? 0;
  }
}
