import { and, desc, eq, gt, gte, inArray, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { conversationRatings, npsResponses } from '../../db/schema.ts';

export type RatingRow = typeof conversationRatings.$inferSelect;
export type NpsRow = typeof npsResponses.$inferSelect;

/** The only code touching `conversation_ratings` and `nps_responses`. Every query is bounded by the site. */
export class RatingsRepository {
  constructor(private readonly db: Db) {}

  insertRating(row: RatingRow): void {
    this.db.insert(conversationRatings).values(row).run();
  }

  /** The conversation's ratings, newest first. */
  ratingsOf(siteId: string, conversationId: string): RatingRow[] {
    return this.db
      .select()
      .from(conversationRatings)
      .where(and(eq(conversationRatings.siteId, siteId), eq(conversationRatings.conversationId, conversationId)))
      .orderBy(desc(conversationRatings.createdAt))
      .all();
  }

  insertNps(row: NpsRow): void {
    this.db.insert(npsResponses).values(row).run();
  }

  /** The latest NPS answer after `since` by this visitor, or by the same customer on any device. */
  latestNpsSince(siteId: string, visitorId: string, customerId: string | null, since: number): NpsRow | undefined {
    const who = customerId
      ? or(eq(npsResponses.visitorId, visitorId), eq(npsResponses.customerId, customerId))
      : eq(npsResponses.visitorId, visitorId);
    return this.db
      .select()
      .from(npsResponses)
      .where(and(eq(npsResponses.siteId, siteId), who, gt(npsResponses.createdAt, since)))
      .orderBy(desc(npsResponses.createdAt))
      .limit(1)
      .get();
  }

  npsScores(siteId: string, from: number, to: number): number[] {
    return this.db
      .select({ score: npsResponses.score })
      .from(npsResponses)
      .where(and(eq(npsResponses.siteId, siteId), gte(npsResponses.createdAt, from), lt(npsResponses.createdAt, to)))
      .all()
      .map((r) => r.score);
  }

  /** For the privacy registry: a subject's rows, and their removal. */
  subjectRows(siteId: string, visitorIds: readonly string[]) {
    return {
      conversation_ratings: this.db.select().from(conversationRatings).where(this.#ratingsOf(siteId, visitorIds)).all(),
      nps_responses: this.db.select().from(npsResponses).where(this.#npsOf(siteId, visitorIds)).all(),
    };
  }

  eraseSubject(siteId: string, visitorIds: readonly string[]): number {
    return (
      this.db.delete(conversationRatings).where(this.#ratingsOf(siteId, visitorIds)).run().changes +
      this.db.delete(npsResponses).where(this.#npsOf(siteId, visitorIds)).run().changes
    );
  }

  /** Retention: ratings and answers older than the cutoff go with the old conversations. */
  purgeOlderThan(siteId: string, cutoff: number, limit: number): number {
    const ratings = this.db
      .select({ id: conversationRatings.id })
      .from(conversationRatings)
      .where(and(eq(conversationRatings.siteId, siteId), lt(conversationRatings.createdAt, cutoff)))
      .limit(limit);
    const gone = this.db.delete(conversationRatings).where(inArray(conversationRatings.id, ratings)).run().changes;
    if (gone >= limit) return gone;
    const answers = this.db
      .select({ id: npsResponses.id })
      .from(npsResponses)
      .where(and(eq(npsResponses.siteId, siteId), lt(npsResponses.createdAt, cutoff)))
      .limit(limit - gone);
    return gone + this.db.delete(npsResponses).where(inArray(npsResponses.id, answers)).run().changes;
  }

  #ratingsOf(siteId: string, visitorIds: readonly string[]) {
    return and(eq(conversationRatings.siteId, siteId), inArray(conversationRatings.visitorId, [...visitorIds]));
  }

  #npsOf(siteId: string, visitorIds: readonly string[]) {
    return and(eq(npsResponses.siteId, siteId), inArray(npsResponses.visitorId, [...visitorIds]));
  }
}
