import { NPS_SCORES } from '@mostrador/shared/feedback';
import { useState } from 'preact/hooks';
import type { FeedbackStep } from '../chat/chatView.ts';
import { ScoreChoice } from './ScoreChoice.tsx';
import { t } from './translation.ts';

interface NpsPromptProps {
  step: FeedbackStep;
  shop: string;
  onAnswer(score: number): void;
  onSkip(): void;
}

/** "How likely are you to recommend <shop>?", 0–10: asked now and then (the server keeps the 90 days). */
export function NpsPrompt({ step, shop, onAnswer, onSkip }: NpsPromptProps) {
  const [score, setScore] = useState<number | null>(null);
  if (step === 'thanks') {
    return (
      <p class="feedback" data-part="nps-thanks" role="status">
        {t('npsThanks')}
      </p>
    );
  }
  return (
    <form
      class="feedback"
      data-part="nps"
      onSubmit={(event) => {
        event.preventDefault();
        if (score !== null) onAnswer(score);
      }}
    >
      <ScoreChoice
        name="nps"
        legend={t('npsQuestion', { shop: shop || t('npsShopFallback') })}
        scores={NPS_SCORES}
        value={score}
        labelOf={(n) => String(n)}
        mark={(n) => String(n)}
        onChange={setScore}
        ends={[t('npsLow'), t('npsHigh')]}
      />
      <div class="feedback-actions">
        <button type="submit" disabled={score === null || step === 'sending'}>
          {t('npsSend')}
        </button>
        <button type="button" class="quiet" onClick={onSkip}>
          {t('feedbackSkip')}
        </button>
      </div>
    </form>
  );
}
