import { and, eq, inArray } from 'drizzle-orm';
import { andThen, pgTxOf, type InTx, type Tx } from '../../db/committer.ts';
import type { Engine } from '../../db/engine.ts';
import * as pg from '../../db/pg/schema/index.ts';
import { reportFacts } from '../../db/schema.ts';
import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';

/** A subject's conversations, from the conversations module (which owns their table). */
export interface SubjectConversations {
  idsOfVisitors(siteId: string, visitorIds: readonly string[]): Promise<string[]>;
  idsOfVisitorsInTx(tx: Tx, siteId: string, visitorIds: readonly string[]): InTx<string[]>;
}

/**
 * The stored report figures of a shopper's conversations (`report_facts`):
 * durations, flags and scores, no text, but each row is about one of their
 * conversations, so it is their data. Exported with them (the response spans
 * as hex) and erased before the conversations; retention needs nothing here,
 * as purging a conversation deletes its row by ON DELETE CASCADE.
 */
export class ReportFactsPersonalData implements PersonalDataSource {
  readonly tables = ['report_facts'];

  constructor(
    private readonly engine: Engine,
    private readonly conversations: SubjectConversations,
  ) {}

  async exportRows(scope: SubjectScope) {
    const ids = await this.conversations.idsOfVisitors(scope.siteId, scope.visitorIds);
    if (ids.length === 0) return { report_facts: [] };
    const rows =
      this.engine.kind === 'sqlite'
        ? this.engine.db
            .select()
            .from(reportFacts)
            .where(and(eq(reportFacts.siteId, scope.siteId), inArray(reportFacts.conversationId, ids)))
            .all()
        : await this.engine.db
            .select()
            .from(pg.reportFacts)
            .where(and(eq(pg.reportFacts.siteId, scope.siteId), inArray(pg.reportFacts.conversationId, ids)));
    return { report_facts: rows.map((row) => ({ ...row, responses: Buffer.from(row.responses).toString('hex') })) };
  }

  eraseInTx(tx: Tx, scope: SubjectScope): InTx<number> {
    return andThen(this.conversations.idsOfVisitorsInTx(tx, scope.siteId, scope.visitorIds), (ids) => {
      if (ids.length === 0) return 0;
      if (this.engine.kind === 'sqlite')
        return this.engine.db
          .delete(reportFacts)
          .where(and(eq(reportFacts.siteId, scope.siteId), inArray(reportFacts.conversationId, ids)))
          .run().changes;
      return pgTxOf(tx)
        .delete(pg.reportFacts)
        .where(and(eq(pg.reportFacts.siteId, scope.siteId), inArray(pg.reportFacts.conversationId, ids)))
        .then((result) => result.rowCount ?? 0);
    });
  }
}
