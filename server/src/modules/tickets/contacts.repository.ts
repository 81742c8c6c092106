import type { InTx, Tx } from '../../db/committer.ts';
import type { visitorContacts } from '../../db/schema.ts';

/** A row of `visitor_contacts`; identical on both engines (schema-parity.test.ts). */
export type ContactRow = typeof visitorContacts.$inferSelect;

/**
 * The only code touching `visitor_contacts` (the privacy registry's
 * contacts.personal-data.ts reads and erases through it), on either engine (contacts.repository.test.ts
 * holds both to one contract).
 */
export interface ContactsRepository {
  /** Every site's contacts: the service keeps them all in memory. */
  all(): Promise<ContactRow[]>;
  /**
   * The visitor's answer, replacing the one they left before. A row naming
   * another site than the visitor's stored contact changes nothing; that the
   * visitor is of the row's site at all is the caller's word (the widget's
   * socket, whose handshake found them).
   */
  save(row: ContactRow): Promise<void>;
  /** The privacy registry's export: the contacts these visitors left on the site. */
  ofVisitors(siteId: string, visitorIds: readonly string[]): Promise<ContactRow[]>;
  /** The privacy registry's erasure, inside its transaction: removes them; returns how many went. */
  deleteOfVisitorsInTx(tx: Tx, siteId: string, visitorIds: readonly string[]): InTx<number>;
}
