import type { Tx } from '../../db/committer.ts';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { triggerFirings } from '../../db/schema.ts';
import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';

/** The triggers module's part in the privacy registry: which invitations a visitor was shown, and what followed. */
export class TriggersPersonalData implements PersonalDataSource {
  readonly tables = ['trigger_firings'];

  constructor(private readonly db: Db) {}

  async exportRows(scope: SubjectScope) {
    return { trigger_firings: this.db.select().from(triggerFirings).where(this.#of(scope)).all() };
  }

  eraseInTx(_tx: Tx, scope: SubjectScope): number {
    return this.db.delete(triggerFirings).where(this.#of(scope)).run().changes;
  }

  #of(scope: SubjectScope) {
    return and(eq(triggerFirings.siteId, scope.siteId), inArray(triggerFirings.visitorId, [...scope.visitorIds]));
  }
}
