import type { InTx, Tx } from '../../db/committer.ts';
import type { conversationRatings, npsResponses } from '../../db/schema.ts';

/** The same on both engines (schema-parity.test.ts). */
export type RatingRow = typeof conversationRatings.$inferSelect;
export type NpsRow = typeof npsResponses.$inferSelect;
/** An NPS answer as the service remembers it: who answered, and when. */
export type NpsAnswer = Pick<NpsRow, 'siteId' | 'visitorId' | 'customerId' | 'createdAt'>;
/** A subject's rows, by table, for an export. */
export interface SubjectRows {
  conversation_ratings: RatingRow[];
  nps_responses: NpsRow[];
}

/**
 * The only code touching `conversation_ratings` and `nps_responses`, on
 * either engine (ratings.repository.test.ts holds both to one contract).
 * Every query is bounded by the site. The "once" rules are checked where the
 * row is written, inside the caller's transaction, so that two nodes (or
 * two requests) asking at once get one row: a unique index on the
 * conversation and its round holds ratings, a lock on the answerer holds NPS
 * answers on PostgreSQL.
 */
export interface RatingsRepository {
  /**
   * Writes the rating unless the conversation already has one for the same
   * round (its ending), or, when `perRound` is false, any rating at all;
   * true when it was written.
   */
  insertRatingInTx(tx: Tx, row: RatingRow, perRound: boolean): InTx<boolean>;
  /**
   * Writes the answer unless this visitor, or the same customer on any
   * device, answered after `since`; true when it was written.
   */
  insertNpsInTx(tx: Tx, row: NpsRow, since: number): InTx<boolean>;
  /** Every site's answers after `since`, oldest first (the service's memory of who was asked lately). */
  npsAnswersSince(since: number): Promise<NpsAnswer[]>;
  /** The site's NPS scores in [from, to). */
  npsScores(siteId: string, from: number, to: number): Promise<number[]>;
  /** For the privacy registry: the subject's rows, by table. */
  subjectRows(siteId: string, visitorIds: readonly string[]): Promise<SubjectRows>;
  /** Removes the subject's ratings and answers on the site; returns how many rows went. */
  eraseSubjectInTx(tx: Tx, siteId: string, visitorIds: readonly string[]): InTx<number>;
  /** Retention: at most `limit` ratings and answers of the site older than `cutoff` (ratings first); returns how many went. */
  purgeOlderThanInTx(tx: Tx, siteId: string, cutoff: number, limit: number): InTx<number>;
}
