import { t } from './translation.ts';

interface ScoreChoiceProps {
  name: string;
  legend: string;
  scores: readonly number[];
  value: number | null;
  /** The accessible name of each choice ("4 of 5"); the visible mark may be a star. */
  labelOf(score: number): string;
  /** What each choice shows; a star fills up to the chosen score. */
  mark(score: number): string;
  onChange(score: number): void;
  /** Words under the ends of the scale ("Not likely" … "Very likely"). */
  ends?: [string, string];
}

/**
 * A radio group, not clickable stars: arrow keys move between the scores,
 * Space picks, and a screen reader hears "4 of 5, 2 of 5 selected". The
 * native radios are kept (visually hidden) so the browser does the keyboard.
 */
export function ScoreChoice({ name, legend, scores, value, labelOf, mark, onChange, ends }: ScoreChoiceProps) {
  return (
    <fieldset class="scores" data-part={`${name}-scores`}>
      <legend>{legend}</legend>
      <div class="score-row">
        {scores.map((score) => (
          <label key={score} class={value !== null && score <= value ? 'score on' : 'score'}>
            <input type="radio" name={`mostrador-${name}`} value={score} checked={value === score} onChange={() => onChange(score)} />
            <span class="score-mark" aria-hidden="true">
              {mark(score)}
            </span>
            <span class="hidden-label">{labelOf(score)}</span>
          </label>
        ))}
      </div>
      {ends && (
        <p class="score-ends" aria-hidden="true">
          <span>{ends[0]}</span>
          <span>{ends[1]}</span>
        </p>
      )}
      {value === null && <span class="hidden-label">{t('scoreNone')}</span>}
    </fieldset>
  );
}
