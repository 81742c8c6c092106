import type { TriggerFrequency } from '@mostrador/shared';
import { useAdminI18n, type AdminMessageKey } from '../i18n/index.ts';
import type { FrequencyDraft } from './draft.ts';
import { HOURS_MAX, HOURS_MIN } from './limits.ts';
import { NumberField } from './NumberField.tsx';
import type { FieldError } from './parse.ts';

const CHOICES: readonly { kind: TriggerFrequency['kind']; label: AdminMessageKey; hint: AdminMessageKey }[] = [
  { kind: 'once_per_visitor', label: 'frequency.oncePerVisitor', hint: 'frequency.oncePerVisitorHint' },
  { kind: 'once_per_session', label: 'frequency.oncePerSession', hint: 'frequency.oncePerSessionHint' },
  { kind: 'every_hours', label: 'frequency.everyHours', hint: 'frequency.everyHoursHint' },
];

interface FrequencyFieldsProps {
  frequency: FrequencyDraft;
  error: FieldError | undefined;
  onChange: (frequency: FrequencyDraft) => void;
}

/** How often one visitor may see the invitation; visitors the cap stops form the report's comparison group. */
export function FrequencyFields({ frequency, error, onChange }: FrequencyFieldsProps) {
  const { t } = useAdminI18n();
  return (
    <fieldset class="trigger-section" data-part="frequency">
      <legend>{t('frequency.legend')}</legend>
      <div class="check-group">
        {CHOICES.map((choice) => (
          <label key={choice.kind} class="check with-hint">
            <input
              type="radio"
              name="frequency"
              value={choice.kind}
              checked={frequency.kind === choice.kind}
              onChange={() => onChange({ ...frequency, kind: choice.kind })}
            />
            <span>
              <span class="check-label">{t(choice.label)}</span>
              <span class="field-hint">{t(choice.hint)}</span>
            </span>
          </label>
        ))}
      </div>
      {frequency.kind === 'every_hours' && (
        <NumberField
          label={t('frequency.hours')}
          hint={t('frequency.hoursHint', { min: HOURS_MIN, max: HOURS_MAX })}
          name="hours"
          min={HOURS_MIN}
          max={HOURS_MAX}
          value={frequency.hours}
          error={error}
          onValue={(hours) => onChange({ ...frequency, hours })}
        />
      )}
    </fieldset>
  );
}
