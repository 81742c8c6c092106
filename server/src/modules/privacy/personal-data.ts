import type { PrivacySubject } from '@mostrador/shared';
import type { InTx, Tx } from '../../db/committer.ts';

/** A subject resolved within one site: the visitors (devices) and customers whose rows are theirs. */
export interface SubjectScope {
  siteId: string;
  subject: PrivacySubject;
  visitorIds: readonly string[];
  customerIds: readonly string[];
}

/** Finds a subject's visitors and customers on a site; null when it is not there (or belongs to another site). */
export type SubjectResolver = (siteId: string, subject: PrivacySubject) => Promise<SubjectScope | null>;

/** A table's rows as exported: column names to values. */
export type ExportedRows = Record<string, Array<Record<string, unknown>>>;

/** Which retention setting of a site applies to a source's old rows. */
export type RetentionKind = 'conversations' | 'trail';

/**
 * What one module holds about shoppers, and how to hand it over or remove
 * it. Every method runs with the site, and `…InTx` ones inside the caller's
 * transaction (committer.ts: on SQLite the group commit's, where they answer
 * at once; on PostgreSQL the erasure's own, where they answer a promise), so
 * a module never commits on its own.
 */
export interface PersonalDataSource {
  /** The tables this source answers for, as named in the database. */
  readonly tables: readonly string[];
  /** The subject's rows, by table. */
  exportRows(scope: SubjectScope): Promise<ExportedRows>;
  /** Removes (or, for logs, unlinks) the subject's rows; returns how many rows changed. */
  eraseInTx(tx: Tx, scope: SubjectScope): InTx<number>;
  /** After the erasure committed: let go of, and tell others to let go of, what memory holds about those rows. */
  afterErase?(scope: SubjectScope): void;
  retention?: {
    kind: RetentionKind;
    /** Deletes at most about `limit` rows older than `cutoff`; returns how many went (0: nothing left). */
    purgeInTx(tx: Tx, siteId: string, cutoff: number, limit: number): InTx<number>;
  };
}
