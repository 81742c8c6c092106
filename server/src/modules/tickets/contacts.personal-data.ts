import type { Tx } from '../../db/committer.ts';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { visitorContacts } from '../../db/schema.ts';
import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';

/** The tickets module's part in the privacy registry: the email and name a visitor left in the offline form. */
export class ContactsPersonalData implements PersonalDataSource {
  readonly tables = ['visitor_contacts'];

  constructor(
    private readonly db: Db,
    /** The contacts service keeps every contact in memory: told once the erasure committed. */
    private readonly erased: (scope: SubjectScope) => void,
  ) {}

  async exportRows(scope: SubjectScope) {
    return { visitor_contacts: this.db.select().from(visitorContacts).where(this.#of(scope)).all() };
  }

  eraseInTx(_tx: Tx, scope: SubjectScope): number {
    return this.db.delete(visitorContacts).where(this.#of(scope)).run().changes;
  }

  afterErase(scope: SubjectScope): void {
    this.erased(scope);
  }

  #of(scope: SubjectScope) {
    return and(eq(visitorContacts.siteId, scope.siteId), inArray(visitorContacts.visitorId, [...scope.visitorIds]));
  }
}
