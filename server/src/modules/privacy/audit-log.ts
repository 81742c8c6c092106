import type { AuditAction, AuditDetails, AuditEntry, AuditPage, AuditTargetType } from '@mostrador/shared';
import type { AuditRecorder, AuditTarget } from '../../plugins/audit.ts';
import type { InTx, Tx } from '../../db/committer.ts';
import type { AuditRepository, AuditRow, NewAuditRow } from './audit.repository.ts';
import type { PersonalDataSource, SubjectScope } from './personal-data.ts';

/**
 * The log of admin actions. Entries carry ids and field names only; the
 * log joins the privacy registry because an entry may name a visitor or
 * customer (an export), and erasing that person clears the id.
 */
export class AuditLog implements AuditRecorder {
  constructor(
    private readonly repo: AuditRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** Persisted before it resolves, like every admin change it records. */
  async record(siteId: string, actorId: string | null, action: AuditAction, target: AuditTarget): Promise<void> {
    await this.repo.insert(this.#row(siteId, actorId, action, target));
  }

  /** Inside the caller's transaction, so the entry commits with the change it records (an erasure). */
  recordInTx(tx: Tx, siteId: string, actorId: string | null, action: AuditAction, target: AuditTarget): InTx<void> {
    return this.repo.insertInTx(tx, this.#row(siteId, actorId, action, target));
  }

  async page(siteId: string, before: number | undefined, limit: number): Promise<AuditPage> {
    // One extra row says whether another page exists.
    const rows = await this.repo.page(siteId, before, limit + 1);
    const entries = rows.slice(0, limit).map(toEntry);
    return { entries, nextBefore: rows.length > limit ? (entries.at(-1)?.id ?? null) : null };
  }

  readonly personalData: PersonalDataSource = {
    tables: ['audit_log'],
    exportRows: async (scope) => ({ audit_log: await this.repo.aboutTargets(scope.siteId, idsOf(scope)) }),
    eraseInTx: (tx, scope) => this.repo.unlinkTargetsInTx(tx, scope.siteId, idsOf(scope)),
  };

  #row(siteId: string, actorId: string | null, action: AuditAction, target: AuditTarget): NewAuditRow {
    return { siteId, actorId, action, targetType: target.type, targetId: target.id, details: target.details ?? {}, at: this.now() };
  }
}

function idsOf(scope: SubjectScope): string[] {
  return [...scope.visitorIds, ...scope.customerIds];
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    actorId: row.actorId,
    action: row.action as AuditAction,
    targetType: row.targetType as AuditTargetType,
    targetId: row.targetId,
    details: row.details as AuditDetails,
    at: row.at,
  };
}
