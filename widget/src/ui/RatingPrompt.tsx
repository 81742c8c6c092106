import { RATING_SCORES } from '@mostrador/shared/feedback';
import { useState } from 'preact/hooks';
import type { FeedbackStep } from '../chat/chatView.ts';
import { ScoreChoice } from './ScoreChoice.tsx';
import { t } from './translation.ts';

const COMMENT_MAX = 1000;

interface RatingPromptProps {
  step: FeedbackStep;
  onRate(score: number, comment: string): void;
  onSkip(): void;
}

/** "How was this chat?": 1–5 and an optional comment, once the conversation has ended. */
export function RatingPrompt({ step, onRate, onSkip }: RatingPromptProps) {
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  if (step === 'thanks') {
    return (
      <p class="feedback" data-part="rating-thanks" role="status">
        {t('ratingThanks')}
      </p>
    );
  }
  return (
    <form
      class="feedback"
      data-part="rating"
      onSubmit={(event) => {
        event.preventDefault();
        if (score !== null) onRate(score, comment);
      }}
    >
      <ScoreChoice
        name="rating"
        legend={t('ratingQuestion')}
        scores={RATING_SCORES}
        value={score}
        labelOf={(n) => t('ratingScore', { score: n, max: RATING_SCORES.length })}
        mark={() => '★'}
        onChange={setScore}
      />
      <textarea
        name="comment"
        rows={2}
        maxLength={COMMENT_MAX}
        aria-label={t('ratingComment')}
        placeholder={t('ratingComment')}
        value={comment}
        onInput={(event) => setComment(event.currentTarget.value)}
      />
      <div class="feedback-actions">
        <button type="submit" disabled={score === null || step === 'sending'}>
          {t('ratingSend')}
        </button>
        <button type="button" class="quiet" onClick={onSkip}>
          {t('feedbackSkip')}
        </button>
      </div>
    </form>
  );
}
