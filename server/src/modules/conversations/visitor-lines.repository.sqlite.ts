import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { SQLITE_TX, type Tx } from '../../db/committer.ts';
import { conversationEvents, conversations, visitors } from '../../db/schema.ts';
import type { ConversationRow } from './conversations.types.ts';
import type { VisitorLinesRepository } from './visitor-lines.repository.ts';

const p = sql.placeholder;

/** VisitorLines' reads on SQLite: the visitor message at a seq is one indexed lookup (the events' key is (conversation, seq), read backwards). */
export class SqliteVisitorLinesRepository implements VisitorLinesRepository {
  readonly #lastBefore;

  constructor(private readonly db: Db) {
    this.#lastBefore = db
      .select({ body: conversationEvents.body })
      .from(conversationEvents)
      .innerJoin(conversations, eq(conversations.id, conversationEvents.conversationId))
      .where(
        and(
          eq(conversationEvents.conversationId, p('conversationId')),
          eq(conversations.siteId, p('siteId')),
          lte(conversationEvents.seq, p('seq')),
          sql`${conversationEvents.type} = 'message'`,
          sql`${conversationEvents.authorKind} = 'visitor'`,
        ),
      )
      .orderBy(desc(conversationEvents.seq))
      .limit(1)
      .prepare();
  }

  async withLanguage(
    siteId: string,
    conversationId: string,
  ): Promise<{ conversation: ConversationRow; language: string | null } | undefined> {
    return this.db
      .select({ conversation: conversations, language: visitors.language })
      .from(conversations)
      .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
      .where(and(eq(conversations.id, conversationId), eq(conversations.siteId, siteId)))
      .get();
  }

  async textAt(siteId: string, conversationId: string, seq: number): Promise<string | null> {
    return this.#lastBefore.get({ conversationId, siteId, seq })?.body ?? null;
  }

  async idsOfVisitors(siteId: string, visitorIds: readonly string[]): Promise<string[]> {
    return this.idsOfVisitorsInTx(SQLITE_TX, siteId, visitorIds);
  }

  /** Runs at once: the group commit's transaction is open on this connection. */
  idsOfVisitorsInTx(_tx: Tx, siteId: string, visitorIds: readonly string[]): string[] {
    return this.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.siteId, siteId), inArray(conversations.visitorId, [...visitorIds])))
      .all()
      .map((row) => row.id);
  }
}
