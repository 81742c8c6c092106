import { useId, useMemo } from 'preact/hooks';
import { useAdminI18n } from '../i18n/index.ts';
import type { ConditionErrors } from './buildInput.ts';
import { CheckedField } from './CheckedField.tsx';
import type { ConditionDraft } from './draft.ts';
import { WEEK_ORDER, weekdayName } from './format.ts';
import { TIME_ZONE_MAX } from './limits.ts';

type BusinessHoursDraft = Extract<ConditionDraft, { type: 'business_hours' }>;

interface BusinessHoursInputsProps {
  draft: BusinessHoursDraft;
  errors: ConditionErrors;
  onChange: (draft: ConditionDraft) => void;
}

/** The browser's own list, offered as suggestions: typing "Europe/Ma" finds Madrid. */
function knownTimeZones(): readonly string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}

/** Opening hours in the shop's time zone: which days, and from when to when (past midnight if "to" is earlier). */
export function BusinessHoursInputs({ draft, errors, onChange }: BusinessHoursInputsProps) {
  const { t, language } = useAdminI18n();
  const id = useId();
  const zones = useMemo(knownTimeZones, []);
  const daysErrorId = `${id}-days-error`;

  function toggleDay(day: number, on: boolean) {
    const days = on ? [...draft.days, day] : draft.days.filter((other) => other !== day);
    onChange({ ...draft, days });
  }

  return (
    <>
      <CheckedField label={t('conditions.timeZone')} hint={t('conditions.timeZoneHint')} error={errors.timeZone}>
        {({ id: inputId, describedBy, invalid }) => (
          <>
            <input
              id={inputId}
              name="timeZone"
              type="text"
              autoComplete="off"
              spellcheck={false}
              required
              maxLength={TIME_ZONE_MAX}
              list={zones.length > 0 ? `${id}-zones` : undefined}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              value={draft.timeZone}
              onInput={(event) => onChange({ ...draft, timeZone: event.currentTarget.value })}
            />
            {zones.length > 0 && (
              <datalist id={`${id}-zones`}>
                {zones.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            )}
          </>
        )}
      </CheckedField>
      <fieldset class="check-group weekday-group" aria-describedby={errors.days ? daysErrorId : undefined}>
        <legend>{t('conditions.days')}</legend>
        <div class="weekday-checks">
          {WEEK_ORDER.map((day) => (
            <label key={day} class="check">
              <input
                type="checkbox"
                name="days"
                value={String(day)}
                checked={draft.days.includes(day)}
                aria-invalid={errors.days !== undefined}
                onChange={(event) => toggleDay(day, event.currentTarget.checked)}
              />
              <span>{weekdayName(day, language, 'long')}</span>
            </label>
          ))}
        </div>
        {errors.days && (
          <p class="field-error" id={daysErrorId}>
            {t(errors.days.key, errors.days.params)}
          </p>
        )}
      </fieldset>
      <div class="field-row">
        <CheckedField label={t('conditions.from')} error={errors.from}>
          {({ id: inputId, describedBy, invalid }) => (
            <input
              id={inputId}
              name="from"
              type="time"
              required
              aria-invalid={invalid}
              aria-describedby={describedBy}
              value={draft.from}
              onInput={(event) => onChange({ ...draft, from: event.currentTarget.value })}
            />
          )}
        </CheckedField>
        <CheckedField label={t('conditions.to')} hint={t('conditions.toHint')} error={errors.to}>
          {({ id: inputId, describedBy, invalid }) => (
            <input
              id={inputId}
              name="to"
              type="time"
              required
              aria-invalid={invalid}
              aria-describedby={describedBy}
              value={draft.to}
              onInput={(event) => onChange({ ...draft, to: event.currentTarget.value })}
            />
          )}
        </CheckedField>
      </div>
    </>
  );
}
