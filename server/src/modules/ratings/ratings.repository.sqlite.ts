import { and, asc, eq, gt, gte, inArray, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Tx } from '../../db/committer.ts';
import { conversationRatings, npsResponses } from '../../db/schema.ts';
import type { NpsAnswer, NpsRow, RatingRow, RatingsRepository, SubjectRows } from './ratings.repository.ts';

/**
 * The ratings' tables on SQLite. `…InTx` methods run at once in the
 * transaction already open on this connection (the group commit's: the Tx
 * carries nothing on SQLite), so a check and its write cannot be split.
 */
export class SqliteRatingsRepository implements RatingsRepository {
  constructor(private readonly db: Db) {}

  insertRatingInTx(_tx: Tx, row: RatingRow, perRound: boolean): boolean {
    const earlier = this.db
      .select({ round: conversationRatings.round })
      .from(conversationRatings)
      .where(and(eq(conversationRatings.siteId, row.siteId), eq(conversationRatings.conversationId, row.conversationId)))
      .all();
    if (perRound ? earlier.some((r) => r.round === row.round) : earlier.length > 0) return false;
    this.db.insert(conversationRatings).values(row).run();
    return true;
  }

  insertNpsInTx(_tx: Tx, row: NpsRow, since: number): boolean {
    const who = row.customerId
      ? or(eq(npsResponses.visitorId, row.visitorId), eq(npsResponses.customerId, row.customerId))
      : eq(npsResponses.visitorId, row.visitorId);
    const earlier = this.db
      .select({ id: npsResponses.id })
      .from(npsResponses)
      .where(and(eq(npsResponses.siteId, row.siteId), who, gt(npsResponses.createdAt, since)))
      .limit(1)
      .get();
    if (earlier) return false;
    this.db.insert(npsResponses).values(row).run();
    return true;
  }

  async npsAnswersSince(since: number): Promise<NpsAnswer[]> {
    return this.db
      .select({
        siteId: npsResponses.siteId,
        visitorId: npsResponses.visitorId,
        customerId: npsResponses.customerId,
        createdAt: npsResponses.createdAt,
      })
      .from(npsResponses)
      .where(gt(npsResponses.createdAt, since))
      .orderBy(asc(npsResponses.createdAt))
      .all();
  }

  async npsScores(siteId: string, from: number, to: number): Promise<number[]> {
    return this.db
      .select({ score: npsResponses.score })
      .from(npsResponses)
      .where(and(eq(npsResponses.siteId, siteId), gte(npsResponses.createdAt, from), lt(npsResponses.createdAt, to)))
      .all()
      .map((r) => r.score);
  }

  async subjectRows(siteId: string, visitorIds: readonly string[]): Promise<SubjectRows> {
    return {
      conversation_ratings: this.db.select().from(conversationRatings).where(ratingsOf(siteId, visitorIds)).all(),
      nps_responses: this.db.select().from(npsResponses).where(npsOf(siteId, visitorIds)).all(),
    };
  }

  eraseSubjectInTx(_tx: Tx, siteId: string, visitorIds: readonly string[]): number {
    return (
      this.db.delete(conversationRatings).where(ratingsOf(siteId, visitorIds)).run().changes +
      this.db.delete(npsResponses).where(npsOf(siteId, visitorIds)).run().changes
    );
  }

  purgeOlderThanInTx(_tx: Tx, siteId: string, cutoff: number, limit: number): number {
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
}

function ratingsOf(siteId: string, visitorIds: readonly string[]) {
  return and(eq(conversationRatings.siteId, siteId), inArray(conversationRatings.visitorId, [...visitorIds]));
}

function npsOf(siteId: string, visitorIds: readonly string[]) {
  return and(eq(npsResponses.siteId, siteId), inArray(npsResponses.visitorId, [...visitorIds]));
}
