import { fail, ok, type EraseResult, type PrivacyExport, type PrivacySubject, type Result } from '@mostrador/shared';
import { andThen, type Committer } from '../../db/committer.ts';
import type { AuditLog } from './audit-log.ts';
import type { SubjectResolver, SubjectScope } from './personal-data.ts';
import type { PrivacyRegistry } from './privacy-registry.ts';

/** What lives outside the database about visitors: live lists, buffered writes, open sockets. */
export interface PrivacyPorts {
  /** Closes the visitors' sockets and drops what memory holds about them, telling no one anything more. */
  forgetVisitors(visitorIds: readonly string[]): void;
  /**
   * After an erasure committed: open conversations may have gone with the subject, so agents they occupied
   * may take queued ones; and other nodes let go of what their memory holds about the subject.
   */
  subjectErased(scope: SubjectScope): void;
}

/** An admin's export and erasure of one visitor's or customer's data, on the admin's own site. */
export class PrivacyService {
  constructor(
    private readonly registry: PrivacyRegistry,
    private readonly resolve: SubjectResolver,
    private readonly committer: Committer,
    private readonly audit: AuditLog,
    private readonly ports: PrivacyPorts,
    private readonly now: () => number = Date.now,
  ) {}

  async exportSubject(siteId: string, actorId: string, subject: PrivacySubject): Promise<Result<PrivacyExport>> {
    const scope = await this.#scope(siteId, subject);
    if (!scope) return fail('not_found', `No such ${subject.kind}`);
    const data = await this.registry.exportRows(scope);
    await this.audit.record(siteId, actorId, 'privacy.exported', { type: subject.kind, id: subject.id });
    return ok({ subject, exportedAt: this.now(), data });
  }

  /**
   * Removes every row about the subject in one transaction, and what memory
   * holds before and after it (a socket could reconnect with the old token
   * while the commit waits; afterwards that token finds no one). The audit
   * entry commits with the erasure and says that someone was erased, not who.
   */
  async erase(siteId: string, actorId: string, subject: PrivacySubject): Promise<Result<EraseResult>> {
    const scope = await this.#scope(siteId, subject);
    if (!scope) return fail('not_found', `No such ${subject.kind}`);
    this.ports.forgetVisitors(scope.visitorIds);
    const erased = await this.committer.run((tx) =>
      andThen(this.registry.eraseInTx(tx, scope), (counts) => {
        const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
        const details = { visitors: scope.visitorIds.length, rows };
        return andThen(
          this.audit.recordInTx(tx, siteId, actorId, 'privacy.erased', { type: subject.kind, id: null, details }),
          () => counts,
        );
      }),
    );
    this.ports.forgetVisitors(scope.visitorIds);
    this.registry.afterErase(scope);
    this.ports.subjectErased(scope);
    return ok({ erased });
  }

  async #scope(siteId: string, subject: PrivacySubject): Promise<SubjectScope | null> {
    const scope = await this.resolve(siteId, subject);
    return scope && scope.siteId === siteId ? scope : null;
  }
}
