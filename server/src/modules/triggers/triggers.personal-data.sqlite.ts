import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Tx } from '../../db/committer.ts';
import { triggerFirings } from '../../db/schema.ts';
import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';

/** A visitor's trigger firings on SQLite; the erasure runs at once in the transaction open on this connection. */
export class SqliteTriggersPersonalData implements PersonalDataSource {
  readonly tables = ['trigger_firings'];

  constructor(private readonly db: Db) {}

  async exportRows(scope: SubjectScope) {
    return { trigger_firings: this.db.select().from(triggerFirings).where(firingsOf(scope)).all() };
  }

  eraseInTx(_tx: Tx, scope: SubjectScope): number {
    return this.db.delete(triggerFirings).where(firingsOf(scope)).run().changes;
  }
}

function firingsOf(scope: SubjectScope) {
  return and(eq(triggerFirings.siteId, scope.siteId), inArray(triggerFirings.visitorId, [...scope.visitorIds]));
}
