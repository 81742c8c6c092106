import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { type PgTx, pgTxOf, type Tx } from '../../db/committer.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { conversationEvents, conversations, visitors } from '../../db/pg/schema/index.ts';
import type { ConversationRow } from './conversations.types.ts';
import type { VisitorLinesRepository } from './visitor-lines.repository.ts';

/** VisitorLines' reads on PostgreSQL: the same contract as the SQLite repository's. */
export class PgVisitorLinesRepository implements VisitorLinesRepository {
  constructor(private readonly db: PgDb) {}

  async withLanguage(
    siteId: string,
    conversationId: string,
  ): Promise<{ conversation: ConversationRow; language: string | null } | undefined> {
    const [found] = await this.db
      .select({ conversation: conversations, language: visitors.language })
      .from(conversations)
      .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
      .where(and(eq(conversations.id, conversationId), eq(conversations.siteId, siteId)));
    return found;
  }

  async textAt(siteId: string, conversationId: string, seq: number): Promise<string | null> {
    const [found] = await this.db
      .select({ body: conversationEvents.body })
      .from(conversationEvents)
      .innerJoin(conversations, eq(conversations.id, conversationEvents.conversationId))
      .where(
        and(
          eq(conversationEvents.conversationId, conversationId),
          eq(conversations.siteId, siteId),
          lte(conversationEvents.seq, seq),
          sql`${conversationEvents.type} = 'message'`,
          sql`${conversationEvents.authorKind} = 'visitor'`,
        ),
      )
      .orderBy(desc(conversationEvents.seq))
      .limit(1);
    return found?.body ?? null;
  }

  idsOfVisitors(siteId: string, visitorIds: readonly string[]): Promise<string[]> {
    return idsOfVisitorsOn(this.db, siteId, visitorIds);
  }

  idsOfVisitorsInTx(tx: Tx, siteId: string, visitorIds: readonly string[]): Promise<string[]> {
    return idsOfVisitorsOn(pgTxOf(tx), siteId, visitorIds);
  }
}

async function idsOfVisitorsOn(db: PgDb | PgTx, siteId: string, visitorIds: readonly string[]): Promise<string[]> {
  if (visitorIds.length === 0) return [];
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.siteId, siteId), inArray(conversations.visitorId, [...visitorIds])));
  return rows.map((row) => row.id);
}
