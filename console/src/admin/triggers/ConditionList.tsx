import type { ConditionType } from '@mostrador/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Field } from '../Field.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import type { DraftErrors } from './buildInput.ts';
import { ConditionRow } from './ConditionRow.tsx';
import { CONDITION_GROUPS, CONDITION_LABELS, isConditionType } from './conditionTypes.ts';
import { newCondition, nextConditionKey, type ConditionDefaults, type ConditionDraft } from './draft.ts';
import { TRIGGER_CONDITIONS_MAX } from './limits.ts';

interface ConditionListProps {
  conditions: readonly ConditionDraft[];
  /** Only the errors to show now, by row key. */
  errors: DraftErrors['conditions'];
  defaults: ConditionDefaults;
  onChange: (conditions: ConditionDraft[]) => void;
}

/** Where focus goes once the list has re-rendered: into a row, or back to the type select. */
type FocusTarget = { row: number } | 'add';

/** The rule's conditions, all of which must hold; rows are added by type and removed one by one. */
export function ConditionList({ conditions, errors, defaults, onChange }: ConditionListProps) {
  const { t } = useAdminI18n();
  const [type, setType] = useState<ConditionType>('time_on_page');
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLSelectElement>(null);
  const focusNext = useRef<FocusTarget | null>(null);
  const full = conditions.length >= TRIGGER_CONDITIONS_MAX;

  // A new row takes focus, so its inputs can be filled at once; a removed
  // row hands focus on to its neighbour, or back to the select when none is
  // left. An effect queued before the change rendered sees the old rows and waits.
  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    if (target === 'add') {
      if (conditions.length > 0) return;
      focusNext.current = null;
      addRef.current?.focus();
      return;
    }
    if (!conditions.some((condition) => condition.key === target.row)) return;
    focusNext.current = null;
    const row = listRef.current?.querySelector(`[data-part="condition"][data-key="${target.row}"]`);
    row?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  }, [conditions]);

  function add() {
    if (full) return;
    const key = nextConditionKey(conditions);
    focusNext.current = { row: key };
    onChange([...conditions, newCondition(type, key, defaults)]);
  }

  function remove(index: number) {
    const neighbour = conditions[index + 1] ?? conditions[index - 1];
    focusNext.current = neighbour ? { row: neighbour.key } : 'add';
    onChange(conditions.filter((_, other) => other !== index));
  }

  return (
    <fieldset class="trigger-section" data-part="conditions">
      <legend>{t('conditions.legend')}</legend>
      <p class="field-hint">{t('conditions.hint')}</p>
      {conditions.length === 0 ? (
        <p class="admin-note" data-part="no-conditions">
          {t('conditions.none')}
        </p>
      ) : (
        <ol ref={listRef} class="condition-list">
          {conditions.map((condition, index) => (
            <ConditionRow
              key={condition.key}
              draft={condition}
              errors={errors[condition.key] ?? {}}
              onChange={(next) => onChange(conditions.map((other, at) => (at === index ? next : other)))}
              onRemove={() => remove(index)}
            />
          ))}
        </ol>
      )}
      <div class="condition-add">
        <Field label={t('conditions.addLabel')} hint={full ? t('conditions.full', { max: TRIGGER_CONDITIONS_MAX }) : undefined}>
          {({ id, hintId }) => (
            <select
              ref={addRef}
              id={id}
              name="conditionType"
              aria-describedby={hintId}
              value={type}
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (isConditionType(value)) setType(value);
              }}
            >
              {CONDITION_GROUPS.map((group) => (
                <optgroup key={group.label} label={t(group.label)}>
                  {group.types.map((option) => (
                    <option key={option} value={option}>
                      {t(CONDITION_LABELS[option])}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <button type="button" class="button" data-part="add-condition" disabled={full} onClick={add}>
          {t('conditions.add')}
        </button>
      </div>
    </fieldset>
  );
}
