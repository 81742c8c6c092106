import { and, eq, inArray } from 'drizzle-orm';
import { pgTxOf, type Tx } from '../../db/committer.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { triggerFirings } from '../../db/pg/schema/index.ts';
import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';

/** A visitor's trigger firings on PostgreSQL: the same contract as SQLite's; the erasure runs in the erasure's transaction. */
export class PgTriggersPersonalData implements PersonalDataSource {
  readonly tables = ['trigger_firings'];

  constructor(private readonly db: PgDb) {}

  async exportRows(scope: SubjectScope) {
    return { trigger_firings: await this.db.select().from(triggerFirings).where(firingsOf(scope)) };
  }

  async eraseInTx(tx: Tx, scope: SubjectScope): Promise<number> {
    return (await pgTxOf(tx).delete(triggerFirings).where(firingsOf(scope))).rowCount ?? 0;
  }
}

function firingsOf(scope: SubjectScope) {
  return and(eq(triggerFirings.siteId, scope.siteId), inArray(triggerFirings.visitorId, [...scope.visitorIds]));
}
