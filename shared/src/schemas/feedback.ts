import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

/**
 * The end of a chat: the shopper's rating of a closed conversation (1–5,
 * an optional comment) and the occasional NPS question (0–10).
 */
export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** A rating at or below this tells the site's admins at once. */
export const LOW_RATING_MAX = 2;
export const RATING_COMMENT_MAX = 1000;
export const NPS_MAX = 10;
/** The NPS question is asked of a visitor (or customer) at most once in this many days. */
export const NPS_INTERVAL_DAYS = 90;

export const RatingScore = z.number().int().min(RATING_MIN).max(RATING_MAX);
export const NpsScore = z.number().int().min(0).max(NPS_MAX);

/** A rating as agents see it beside the conversation and in the customer's history. */
export const RatingInfo = z.object({
  score: RatingScore,
  comment: z.string().nullable(),
  createdAt: Timestamp,
});
export type RatingInfo = z.infer<typeof RatingInfo>;

/** `rating:submit`: the site and visitor come from the socket, never from here. */
export const SubmitRating = z.object({
  conversationId: Id,
  score: RatingScore,
  comment: z.string().trim().max(RATING_COMMENT_MAX).optional(),
});
export type SubmitRating = z.infer<typeof SubmitRating>;
export const SubmitNps = z.object({ score: NpsScore });
export const NpsAnswered = z.object({ score: NpsScore, createdAt: Timestamp });
export type NpsAnswered = z.infer<typeof NpsAnswered>;

/** What the widget may ask at the end of a chat, from the session. */
export const WidgetFeedback = z.object({
  /** Ask for a rating when a conversation is closed. */
  rating: z.boolean(),
  /** The NPS question is on and due for this visitor now. */
  nps: z.boolean(),
});
export type WidgetFeedback = z.infer<typeof WidgetFeedback>;

/** The site's NPS over a period: promoters (9–10) minus detractors (0–6), in percent of answers. */
export const NpsReport = z.object({
  responses: z.number().int().min(0),
  promoters: z.number().int().min(0),
  passives: z.number().int().min(0),
  detractors: z.number().int().min(0),
  /** -100..100; null with no answers. */
  nps: z.number().nullable(),
});
export type NpsReport = z.infer<typeof NpsReport>;
export const NpsReportQuery = z.object({
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
});

/** Score out of the NPS answers: pure, so the reports can use it too. */
export function npsOf(scores: readonly number[]): NpsReport {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  const responses = scores.length;
  return {
    responses,
    promoters,
    passives: responses - promoters - detractors,
    detractors,
    nps: responses === 0 ? null : Math.round(((promoters - detractors) / responses) * 1000) / 10,
  };
}
