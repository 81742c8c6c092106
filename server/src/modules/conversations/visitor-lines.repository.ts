import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { conversationEvents, conversations, visitors } from '../../db/schema.ts';
import type { ConversationRow } from './conversations.types.ts';

const p = sql.placeholder;

/**
 * The reads behind VisitorLines: a conversation with its visitor's language, and the visitor message at or
 * before a seq, one indexed lookup (the events' key is (conversation, seq), read backwards).
 */
export class VisitorLinesRepository {
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

  /** A conversation of the site, with its visitor's browser language. */
  withLanguage(siteId: string, conversationId: string): { conversation: ConversationRow; language: string | null } | undefined {
    return this.db
      .select({ conversation: conversations, language: visitors.language })
      .from(conversations)
      .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
      .where(and(eq(conversations.id, conversationId), eq(conversations.siteId, siteId)))
      .get();
  }

  /** The visitor's message at or before `seq` in a conversation of the site; null if there is none. */
  textAt(siteId: string, conversationId: string, seq: number): string | null {
    return this.#lastBefore.get({ conversationId, siteId, seq })?.body ?? null;
  }

  /** The ids of a site's conversations with these visitors (the privacy registry's subject). */
  idsOfVisitors(siteId: string, visitorIds: readonly string[]): string[] {
    return this.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.siteId, siteId), inArray(conversations.visitorId, [...visitorIds])))
      .all()
      .map((row) => row.id);
  }
}
