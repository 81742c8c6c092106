import type { auditLog } from '../../db/schema.ts';

/** The same on both engines (schema-parity.test.ts). */
export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = Omit<AuditRow, 'id'>;

/** The only code touching audit_log, on either engine (audit.repository.test.ts holds both to one contract). */
export interface AuditRepository {
  /** Appends one entry; settles once it is committed. */
  insert(row: NewAuditRow): Promise<void>;
  /** The site's entries, newest first, from before the entry `before` when given. */
  page(siteId: string, before: number | undefined, limit: number): Promise<AuditRow[]>;
}

/**
 * What the privacy registry asks of the audit log synchronously, like of
 * every source of personal data: an entry written inside the erasure's
 * group-commit transaction (it must commit with the erasure it records), the
 * unlinking of erased subjects inside that same transaction, and an export's
 * rows (the registry's `exportRows` is synchronous). SQLite only until the
 * registry and its sources move to both engines (issue 15); until then the
 * privacy module runs on SQLite.
 */
export interface AuditInTransaction {
  insertInTx(row: NewAuditRow): void;
  aboutTargets(siteId: string, targetIds: readonly string[]): AuditRow[];
  /** Keeps what was done, forgets to whom; returns how many entries changed. */
  unlinkTargets(siteId: string, targetIds: readonly string[]): number;
}
