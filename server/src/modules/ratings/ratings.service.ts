import {
  fail,
  hasEnded,
  LOW_RATING_MAX,
  NPS_INTERVAL_DAYS,
  npsOf,
  ok,
  type NpsReport,
  type RatingInfo,
  type Result,
  type SubmitRating,
  type WidgetFeedback,
} from '@mostrador/shared';
import { newId } from '../../db/ids.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import type { RatingRow, RatingsRepository } from './ratings.repository.ts';

const DAY_MS = 86_400_000;
export const NPS_INTERVAL_MS = NPS_INTERVAL_DAYS * DAY_MS;

/** What the ratings module needs to know of a conversation (the conversations module provides it). */
export interface RatedConversation {
  id: string;
  siteId: string;
  visitorId: string;
  visitorLabel: string;
  status: string;
  /** When it last ended; each ending can be rated once (when the site asks again). */
  closedAt: number | null;
}

/** The site's feedback settings (the sites module's). */
export interface FeedbackSettings {
  ratingEnabled: boolean;
  ratingAskAgain: boolean;
  npsEnabled: boolean;
}

/** What the ratings module reads from, and tells, the rest of the product. */
export interface RatingsPorts {
  conversation(siteId: string, conversationId: string): RatedConversation | undefined;
  settings(siteId: string): FeedbackSettings | undefined;
  /** The verified customer behind a visitor, so the NPS interval holds across devices. */
  customerOf(siteId: string, visitorId: string): string | null;
  /** After the commit: agents who see the conversation hear of the rating; admins too when it is low. */
  rated(conversation: RatedConversation, rating: RatingInfo, low: boolean): void;
  now?: () => number;
}

function notFound(): Result<never> {
  return fail('not_found', 'No such conversation');
}

function toInfo(row: RatingRow): RatingInfo {
  return { score: row.score, comment: row.comment, createdAt: row.createdAt };
}

/**
 * The end of a chat: a shopper rates their own ended conversation once
 * (once per ending, when the site asks again after a reopen), and answers
 * the NPS question at most once in 90 days. The site and the visitor always
 * come from the visitor's socket, never from a payload; someone else's
 * conversation answers exactly like a missing one.
 */
export class RatingsService {
  readonly #now: () => number;

  constructor(
    private readonly repo: RatingsRepository,
    private readonly groupCommit: GroupCommit,
    private readonly ports: RatingsPorts,
  ) {
    this.#now = ports.now ?? Date.now;
  }

  /** What the widget may ask when a chat ends, for the session. */
  widgetFeedback(siteId: string, visitorId: string): WidgetFeedback {
    const settings = this.ports.settings(siteId);
    return { rating: settings?.ratingEnabled ?? false, nps: this.npsDue(siteId, visitorId) };
  }

  async rate(siteId: string, visitorId: string, input: SubmitRating): Promise<Result<RatingInfo>> {
    const outcome = await this.groupCommit.run((): Result<{ conversation: RatedConversation; rating: RatingInfo }> => {
      const conversation = this.ports.conversation(siteId, input.conversationId);
      if (!conversation || conversation.siteId !== siteId || conversation.visitorId !== visitorId) return notFound();
      const settings = this.ports.settings(siteId);
      if (!settings?.ratingEnabled) return fail('forbidden', 'This shop does not ask for ratings');
      if (!hasEnded(conversation.status) || conversation.closedAt === null) return fail('conflict', 'The conversation has not ended');
      const earlier = this.repo.ratingsOf(siteId, conversation.id);
      const round = conversation.closedAt;
      const already = settings.ratingAskAgain ? earlier.some((r) => r.round === round) : earlier.length > 0;
      if (already) return fail('conflict', 'Already rated');
      const row: RatingRow = {
        id: newId('rat'),
        siteId,
        conversationId: conversation.id,
        visitorId,
        round,
        score: input.score,
        comment: input.comment ? input.comment : null,
        createdAt: this.#now(),
      };
      this.repo.insertRating(row);
      return ok({ conversation, rating: toInfo(row) });
    });
    if (!outcome.ok) return outcome;
    const { conversation, rating } = outcome.data;
    this.ports.rated(conversation, rating, rating.score <= LOW_RATING_MAX);
    return ok(rating);
  }

  /** The latest rating of a conversation, for the console; null when none. */
  latest(siteId: string, conversationId: string): RatingInfo | null {
    const row = this.repo.ratingsOf(siteId, conversationId)[0];
    return row ? toInfo(row) : null;
  }

  /** The NPS question is on and this visitor (or customer) has not answered it in 90 days. */
  npsDue(siteId: string, visitorId: string): boolean {
    if (!this.ports.settings(siteId)?.npsEnabled) return false;
    const customerId = this.ports.customerOf(siteId, visitorId);
    return !this.repo.latestNpsSince(siteId, visitorId, customerId, this.#now() - NPS_INTERVAL_MS);
  }

  async answerNps(siteId: string, visitorId: string, score: number): Promise<Result<{ score: number; createdAt: number }>> {
    return this.groupCommit.run(() => {
      if (!this.ports.settings(siteId)?.npsEnabled) return fail('forbidden', 'This shop does not ask the NPS question');
      if (!this.npsDue(siteId, visitorId)) return fail('conflict', 'Already answered lately');
      const createdAt = this.#now();
      const customerId = this.ports.customerOf(siteId, visitorId);
      this.repo.insertNps({ id: newId('nps'), siteId, visitorId, customerId, score, createdAt });
      return ok({ score, createdAt });
    });
  }

  /** The site's NPS over [from, to): for the reports. */
  npsReport(siteId: string, from = 0, to = this.#now() + 1): NpsReport {
    return npsOf(this.repo.npsScores(siteId, from, to));
  }
}
