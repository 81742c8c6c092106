import { type Committer, runStep, type StepBody, type Tx } from '../../db/committer.ts';
import { isPgUniqueViolation } from '../../db/unique-violation.ts';

/** The unique indexes a send can lose a race on: the author's client id, and the visitor's one open conversation. */
const RACED_INDEXES = ['conversation_events_author_client', 'conversations_one_open_per_visitor'];

function lostRace(error: unknown): boolean {
  return RACED_INDEXES.some((index) => isPgUniqueViolation(error, index));
}

/**
 * Runs a step that writes under a client id. On PostgreSQL two steps may
 * read "not stored yet" at once (a resend racing its first send, on any
 * node); the one that loses on the unique index is aborted, so it runs once
 * more and finds the winner's row, answering the resend with the stored
 * event. SQLite's one writer never loses such a race: the second step reads
 * the first one's row.
 */
export async function runRacingStep<T>(committer: Committer, body: (tx: Tx) => StepBody<T>): Promise<T> {
  try {
    return await committer.run((tx) => runStep(tx, body(tx)));
  } catch (error) {
    if (!lostRace(error)) throw error;
    return committer.run((tx) => runStep(tx, body(tx)));
  }
}
