import type { InTx, Tx } from '../../db/committer.ts';
import type { auditLog } from '../../db/schema.ts';

/** The same on both engines (schema-parity.test.ts). */
export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = Omit<AuditRow, 'id'>;

/** The only code touching audit_log, on either engine (audit.repository.test.ts holds both to one contract). */
export interface AuditRepository {
  /** Appends one entry; settles once it is committed. */
  insert(row: NewAuditRow): Promise<void>;
  /** Appends one entry inside the caller's transaction, so it commits with the change it records (an erasure). */
  insertInTx(tx: Tx, row: NewAuditRow): InTx<void>;
  /** The site's entries, newest first, from before the entry `before` when given. */
  page(siteId: string, before: number | undefined, limit: number): Promise<AuditRow[]>;
  /** The site's entries about any of these targets (a subject's export). */
  aboutTargets(siteId: string, targetIds: readonly string[]): Promise<AuditRow[]>;
  /** Keeps what was done, forgets to whom, inside the erasure's transaction; returns how many entries changed. */
  unlinkTargetsInTx(tx: Tx, siteId: string, targetIds: readonly string[]): InTx<number>;
}
