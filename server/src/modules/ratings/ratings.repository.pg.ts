import { and, asc, eq, gt, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { pgTxOf, type PgTx, type Tx } from '../../db/committer.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { conversationRatings, npsResponses } from '../../db/pg/schema/index.ts';
import type { NpsAnswer, NpsRow, RatingRow, RatingsRepository, SubjectRows } from './ratings.repository.ts';

/**
 * The ratings' tables on PostgreSQL: the same contract as the SQLite
 * repository's. A check and its write run in the caller's transaction, after
 * a transaction-scoped advisory lock on what the rule is about (the
 * conversation; the visitor and the customer), so that two nodes asking at
 * once take turns instead of both seeing nothing; the unique index on a
 * conversation's round backs ratings up.
 */
export class PgRatingsRepository implements RatingsRepository {
  constructor(private readonly db: PgDb) {}

  async insertRatingInTx(tx: Tx, row: RatingRow, perRound: boolean): Promise<boolean> {
    const db = pgTxOf(tx);
    await lockOn(db, [`rating:${row.conversationId}`]);
    const earlier = await db
      .select({ round: conversationRatings.round })
      .from(conversationRatings)
      .where(and(eq(conversationRatings.siteId, row.siteId), eq(conversationRatings.conversationId, row.conversationId)));
    if (perRound ? earlier.some((r) => r.round === row.round) : earlier.length > 0) return false;
    const written = await db
      .insert(conversationRatings)
      .values(row)
      .onConflictDoNothing({ target: [conversationRatings.conversationId, conversationRatings.round] })
      .returning({ id: conversationRatings.id });
    return written.length > 0;
  }

  async insertNpsInTx(tx: Tx, row: NpsRow, since: number): Promise<boolean> {
    const db = pgTxOf(tx);
    await lockOn(db, [`nps:${row.siteId}:v:${row.visitorId}`, ...(row.customerId ? [`nps:${row.siteId}:c:${row.customerId}`] : [])]);
    const who = row.customerId
      ? or(eq(npsResponses.visitorId, row.visitorId), eq(npsResponses.customerId, row.customerId))
      : eq(npsResponses.visitorId, row.visitorId);
    const earlier = await db
      .select({ id: npsResponses.id })
      .from(npsResponses)
      .where(and(eq(npsResponses.siteId, row.siteId), who, gt(npsResponses.createdAt, since)))
      .limit(1);
    if (earlier.length > 0) return false;
    await db.insert(npsResponses).values(row);
    return true;
  }

  npsAnswersSince(since: number): Promise<NpsAnswer[]> {
    return this.db
      .select({
        siteId: npsResponses.siteId,
        visitorId: npsResponses.visitorId,
        customerId: npsResponses.customerId,
        createdAt: npsResponses.createdAt,
      })
      .from(npsResponses)
      .where(gt(npsResponses.createdAt, since))
      .orderBy(asc(npsResponses.createdAt));
  }

  async npsScores(siteId: string, from: number, to: number): Promise<number[]> {
    const rows = await this.db
      .select({ score: npsResponses.score })
      .from(npsResponses)
      .where(and(eq(npsResponses.siteId, siteId), gte(npsResponses.createdAt, from), lt(npsResponses.createdAt, to)));
    return rows.map((r) => r.score);
  }

  async subjectRows(siteId: string, visitorIds: readonly string[]): Promise<SubjectRows> {
    const [ratings, answers] = await Promise.all([
      this.db.select().from(conversationRatings).where(ratingsOf(siteId, visitorIds)),
      this.db.select().from(npsResponses).where(npsOf(siteId, visitorIds)),
    ]);
    return { conversation_ratings: ratings, nps_responses: answers };
  }

  async eraseSubjectInTx(tx: Tx, siteId: string, visitorIds: readonly string[]): Promise<number> {
    const db = pgTxOf(tx);
    const ratings = await db.delete(conversationRatings).where(ratingsOf(siteId, visitorIds));
    const answers = await db.delete(npsResponses).where(npsOf(siteId, visitorIds));
    return (ratings.rowCount ?? 0) + (answers.rowCount ?? 0);
  }

  async purgeOlderThanInTx(tx: Tx, siteId: string, cutoff: number, limit: number): Promise<number> {
    const db = pgTxOf(tx);
    const ratings = db
      .select({ id: conversationRatings.id })
      .from(conversationRatings)
      .where(and(eq(conversationRatings.siteId, siteId), lt(conversationRatings.createdAt, cutoff)))
      .limit(limit);
    const gone = (await db.delete(conversationRatings).where(inArray(conversationRatings.id, ratings))).rowCount ?? 0;
    if (gone >= limit) return gone;
    const answers = db
      .select({ id: npsResponses.id })
      .from(npsResponses)
      .where(and(eq(npsResponses.siteId, siteId), lt(npsResponses.createdAt, cutoff)))
      .limit(limit - gone);
    return gone + ((await db.delete(npsResponses).where(inArray(npsResponses.id, answers))).rowCount ?? 0);
  }
}

/** Transaction-scoped advisory locks, taken in one order so that two transactions never wait on each other crosswise. */
async function lockOn(db: PgTx, keys: string[]): Promise<void> {
  for (const key of [...keys].sort()) await db.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

function ratingsOf(siteId: string, visitorIds: readonly string[]) {
  return and(eq(conversationRatings.siteId, siteId), inArray(conversationRatings.visitorId, [...visitorIds]));
}

function npsOf(siteId: string, visitorIds: readonly string[]) {
  return and(eq(npsResponses.siteId, siteId), inArray(npsResponses.visitorId, [...visitorIds]));
}
