/**
 * Whether a conversation has ended (closed, or resolved once that status
 * exists): the one place the rating, the NPS question and the widget's
 * thread decide "the chat is over". Pure, with no zod, so the widget's panel
 * chunk can import it from `@mostrador/shared/feedback`.
 */
export function hasEnded(status: string): boolean {
  return status === 'closed' || status === 'resolved';
}

export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export const NPS_SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
