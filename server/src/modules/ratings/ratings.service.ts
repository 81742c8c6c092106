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
import { andThen, type Committer, type InTx, type Tx } from '../../db/committer.ts';
import { newId } from '../../db/ids.ts';
import type { NpsAnswer, RatingRow, RatingsRepository } from './ratings.repository.ts';

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
  /** The conversation as it stands in the rating's step. */
  conversationInTx(tx: Tx, siteId: string, conversationId: string): InTx<RatedConversation | undefined>;
  /** In the rating's step: the conversation keeps its latest rating (the console's summaries show it with the row). */
  ratedInTx(tx: Tx, conversation: RatedConversation, rating: RatingInfo): InTx<void>;
  settings(siteId: string): FeedbackSettings | undefined;
  /** The verified customer behind a visitor, so the NPS interval holds across devices. */
  customerOf(siteId: string, visitorId: string): string | null;
  /** After the commit: agents who see the conversation hear of the rating; admins too when it is low. */
  rated(conversation: RatedConversation, rating: RatingInfo, low: boolean): Promise<void>;
  now?: () => number;
}

function notFound(): Result<never> {
  return fail('not_found', 'No such conversation');
}

function toInfo(row: RatingRow): RatingInfo {
  return { score: row.score, comment: row.comment, createdAt: row.createdAt };
}

/** Who answered the NPS question, as remembered: the visitor, and the customer on any device. */
function answererKeys(siteId: string, visitorId: string, customerId: string | null): string[] {
  return customerId ? [visitorKey(siteId, visitorId), customerKey(siteId, customerId)] : [visitorKey(siteId, visitorId)];
}

const visitorKey = (siteId: string, visitorId: string) => `${siteId}\u0000v\u0000${visitorId}`;
const customerKey = (siteId: string, customerId: string) => `${siteId}\u0000c\u0000${customerId}`;

/**
 * The end of a chat: a shopper rates their own ended conversation once
 * (once per ending, when the site asks again after a reopen), and answers
 * the NPS question at most once in 90 days. The site and the visitor always
 * come from the visitor's socket, never from a payload; someone else's
 * conversation answers exactly like a missing one. The repository holds the
 * "once" rules where it writes; the widget's connection asks whether NPS is
 * due of memory (the answers of the last 90 days, read at start).
 */
export class RatingsService {
  readonly #now: () => number;
  /** When each visitor, and each customer, last answered the NPS question (the last 90 days only). */
  readonly #answered = new Map<string, number>();

  constructor(
    private readonly repo: RatingsRepository,
    private readonly committer: Committer,
    private readonly ports: RatingsPorts,
  ) {
    this.#now = ports.now ?? Date.now;
  }

  /** Remembers the answers of the last 90 days; awaited before the app serves (again, it replaces what was remembered). */
  async load(): Promise<void> {
    const answers = await this.repo.npsAnswersSince(this.#now() - NPS_INTERVAL_MS);
    this.#answered.clear();
    for (const answer of answers) this.#remember(answer);
  }

  /** What the widget may ask when a chat ends, for the session. */
  widgetFeedback(siteId: string, visitorId: string): WidgetFeedback {
    const settings = this.ports.settings(siteId);
    return { rating: settings?.ratingEnabled ?? false, nps: this.npsDue(siteId, visitorId) };
  }

  async rate(siteId: string, visitorId: string, input: SubmitRating): Promise<Result<RatingInfo>> {
    const outcome = await this.committer.run((tx) =>
      andThen(this.ports.conversationInTx(tx, siteId, input.conversationId), (conversation) =>
        this.#rateInTx(tx, siteId, visitorId, input, conversation),
      ),
    );
    if (!outcome.ok) return outcome;
    const { conversation, rating } = outcome.data;
    await this.ports.rated(conversation, rating, rating.score <= LOW_RATING_MAX);
    return ok(rating);
  }

  #rateInTx(
    tx: Tx,
    siteId: string,
    visitorId: string,
    input: SubmitRating,
    conversation: RatedConversation | undefined,
  ): InTx<Result<{ conversation: RatedConversation; rating: RatingInfo }>> {
    if (!conversation || conversation.siteId !== siteId || conversation.visitorId !== visitorId) return notFound();
    const settings = this.ports.settings(siteId);
    if (!settings?.ratingEnabled) return fail('forbidden', 'This shop does not ask for ratings');
    if (!hasEnded(conversation.status) || conversation.closedAt === null) return fail('conflict', 'The conversation has not ended');
    const row: RatingRow = {
      id: newId('rat'),
      siteId,
      conversationId: conversation.id,
      visitorId,
      round: conversation.closedAt,
      score: input.score,
      comment: input.comment ? input.comment : null,
      createdAt: this.#now(),
    };
    const rating = toInfo(row);
    return andThen(this.repo.insertRatingInTx(tx, row, settings.ratingAskAgain), (written) =>
      written
        ? andThen(this.ports.ratedInTx(tx, conversation, rating), () => ok({ conversation, rating }))
        : fail('conflict', 'Already rated'),
    );
  }

  /** The NPS question is on and this visitor (or customer) has not answered it in 90 days. */
  npsDue(siteId: string, visitorId: string): boolean {
    if (!this.ports.settings(siteId)?.npsEnabled) return false;
    const since = this.#now() - NPS_INTERVAL_MS;
    const keys = answererKeys(siteId, visitorId, this.ports.customerOf(siteId, visitorId));
    return keys.every((key) => {
      const at = this.#answered.get(key);
      if (at !== undefined && at <= since) this.#answered.delete(key);
      return at === undefined || at <= since;
    });
  }

  async answerNps(siteId: string, visitorId: string, score: number): Promise<Result<{ score: number; createdAt: number }>> {
    if (!this.ports.settings(siteId)?.npsEnabled) return fail('forbidden', 'This shop does not ask the NPS question');
    if (!this.npsDue(siteId, visitorId)) return fail('conflict', 'Already answered lately');
    const createdAt = this.#now();
    const customerId = this.ports.customerOf(siteId, visitorId);
    const row = { id: newId('nps'), siteId, visitorId, customerId, score, createdAt };
    // Memory answers for this node; the repository asks the table again, for the answers of other nodes.
    // Refused there, the visitor did answer lately (elsewhere): remembered as now, so the widget stops asking.
    const written = await this.committer.run((tx) => this.repo.insertNpsInTx(tx, row, createdAt - NPS_INTERVAL_MS));
    this.#remember(row);
    return written ? ok({ score, createdAt }) : fail('conflict', 'Already answered lately');
  }

  /** The site's NPS over [from, to): for the reports. */
  async npsReport(siteId: string, from = 0, to = this.#now() + 1): Promise<NpsReport> {
    return npsOf(await this.repo.npsScores(siteId, from, to));
  }

  /** An erasure removed these visitors' answers: they may be asked again. */
  forgetAnswers(siteId: string, visitorIds: readonly string[], customerIds: readonly string[]): void {
    for (const visitorId of visitorIds) this.#answered.delete(visitorKey(siteId, visitorId));
    for (const customerId of customerIds) this.#answered.delete(customerKey(siteId, customerId));
  }

  #remember(answer: NpsAnswer): void {
    for (const key of answererKeys(answer.siteId, answer.visitorId, answer.customerId)) {
      this.#answered.set(key, Math.max(this.#answered.get(key) ?? 0, answer.createdAt));
    }
  }
}
