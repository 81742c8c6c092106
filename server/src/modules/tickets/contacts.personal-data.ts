import type { InTx, Tx } from '../../db/committer.ts';
import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';
import type { ContactsRepository } from './contacts.repository.ts';

/** The tickets module's part in the privacy registry: the email and name a visitor left in the offline form. */
export class ContactsPersonalData implements PersonalDataSource {
  readonly tables = ['visitor_contacts'];

  constructor(
    private readonly repo: Pick<ContactsRepository, 'ofVisitors' | 'deleteOfVisitorsInTx'>,
    /** The contacts service keeps every contact in memory: told once the erasure committed. */
    private readonly erased: (scope: SubjectScope) => void,
  ) {}

  async exportRows(scope: SubjectScope) {
    return { visitor_contacts: await this.repo.ofVisitors(scope.siteId, scope.visitorIds) };
  }

  eraseInTx(tx: Tx, scope: SubjectScope): InTx<number> {
    return this.repo.deleteOfVisitorsInTx(tx, scope.siteId, scope.visitorIds);
  }

  afterErase(scope: SubjectScope): void {
    this.erased(scope);
  }
}
