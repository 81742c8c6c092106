import type { BusinessHours } from '@mostrador/shared';
import { useId, useState } from 'preact/hooks';
import { Field } from '../Field.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { fromLocalInput, parseHolidays, toLocalInput } from './localInput.ts';

/** Monday first, as shops in ca/es read a week; values are the schedule's 0 = Sunday. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;
const HOUR_MS = 3_600_000;

interface ScheduleEditorProps {
  schedule: BusinessHours;
  onChange: (schedule: BusinessHours) => void;
}

/** One schedule: time zone, spans per weekday, holidays and one-off closures. */
export function ScheduleEditor({ schedule, onChange }: ScheduleEditorProps) {
  const { t, language } = useAdminI18n();
  const [holidays, setHolidays] = useState(schedule.holidays.join('\n'));
  const dayName = (day: number) =>
    // 2026-01-04 is a Sunday: add the weekday's number to name it in the console's language.
    new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 4 + day));
  const set = (changes: Partial<BusinessHours>) => onChange({ ...schedule, ...changes });
  const spans = schedule.weekly;

  return (
    <div class="schedule-editor" data-part="schedule-editor">
      <Field label={t('hours.timeZone')} hint={t('hours.timeZoneHint')}>
        {({ id, hintId }) => (
          <input
            id={id}
            name="timeZone"
            type="text"
            spellcheck={false}
            aria-describedby={hintId}
            value={schedule.timeZone}
            onChange={(event) => set({ timeZone: event.currentTarget.value.trim() })}
          />
        )}
      </Field>
      <fieldset class="schedule-week">
        <legend>{t('hours.weekly')}</legend>
        <p class="field-hint">{t('hours.spanHint')}</p>
        {WEEK.map((day) => {
          const mine = spans.map((span, index) => ({ span, index })).filter(({ span }) => span.day === day);
          return (
            <div class="schedule-day" data-day={day} key={day}>
              <span class="schedule-day-name">{dayName(day)}</span>
              {mine.length === 0 && <span class="schedule-closed">{t('hours.closedDay')}</span>}
              {mine.map(({ span, index }) => (
                <span class="schedule-span" data-part="span" key={index}>
                  <input
                    type="time"
                    aria-label={`${dayName(day)} · ${t('hours.from')}`}
                    value={span.from}
                    onChange={(event) =>
                      set({ weekly: spans.map((s, i) => (i === index ? { ...s, from: event.currentTarget.value } : s)) })
                    }
                  />
                  <span aria-hidden="true">–</span>
                  <input
                    type="text"
                    inputMode="numeric"
                    pattern="\d\d:\d\d"
                    size={5}
                    aria-label={`${dayName(day)} · ${t('hours.to')}`}
                    value={span.to}
                    onChange={(event) =>
                      set({ weekly: spans.map((s, i) => (i === index ? { ...s, to: event.currentTarget.value.trim() } : s)) })
                    }
                  />
                  <button
                    type="button"
                    class="button small"
                    aria-label={t('hours.removeSpan', { day: dayName(day), from: span.from, to: span.to })}
                    onClick={() => set({ weekly: spans.filter((_, i) => i !== index) })}
                  >
                    ×
                  </button>
                </span>
              ))}
              <button
                type="button"
                class="button small"
                data-part="add-span"
                aria-label={t('hours.addSpan', { day: dayName(day) })}
                onClick={() => set({ weekly: [...spans, { day, from: '09:00', to: '18:00' }] })}
              >
                +
              </button>
            </div>
          );
        })}
      </fieldset>
      <Field label={t('hours.holidays')} hint={t('hours.holidaysHint')}>
        {({ id, hintId }) => (
          <textarea
            id={id}
            name="holidays"
            rows={3}
            aria-describedby={hintId}
            value={holidays}
            onInput={(event) => setHolidays(event.currentTarget.value)}
            onChange={() => set({ holidays: parseHolidays(holidays) })}
          />
        )}
      </Field>
      <Closures schedule={schedule} onChange={(closures) => set({ closures })} />
    </div>
  );
}

function Closures({ schedule, onChange }: { schedule: BusinessHours; onChange: (closures: BusinessHours['closures']) => void }) {
  const { t } = useAdminI18n();
  const id = useId();
  const { closures, timeZone } = schedule;
  const edit = (index: number, key: 'from' | 'to', value: string) => {
    const at = fromLocalInput(value, timeZone);
    if (at !== null) onChange(closures.map((c, i) => (i === index ? { ...c, [key]: at } : c)));
  };
  return (
    <fieldset class="schedule-closures">
      <legend>{t('hours.closures')}</legend>
      {closures.map((closure, index) => (
        <div class="schedule-closure" data-part="closure" key={index}>
          <label for={`${id}-${index}-from`}>{t('hours.closureFrom')}</label>
          <input
            id={`${id}-${index}-from`}
            type="datetime-local"
            value={toLocalInput(closure.from, timeZone)}
            onChange={(e) => edit(index, 'from', e.currentTarget.value)}
          />
          <label for={`${id}-${index}-to`}>{t('hours.closureTo')}</label>
          <input
            id={`${id}-${index}-to`}
            type="datetime-local"
            value={toLocalInput(closure.to, timeZone)}
            onChange={(e) => edit(index, 'to', e.currentTarget.value)}
          />
          <button type="button" class="button small" onClick={() => onChange(closures.filter((_, i) => i !== index))}>
            {t('hours.removeClosure')}
          </button>
        </div>
      ))}
      <button
        type="button"
        class="button"
        data-part="add-closure"
        onClick={() => {
          // A day from the next full hour: the admin adjusts it.
          const from = Math.ceil(Date.now() / HOUR_MS) * HOUR_MS;
          onChange([...closures, { from, to: from + 24 * HOUR_MS }]);
        }}
      >
        {t('hours.addClosure')}
      </button>
    </fieldset>
  );
}
