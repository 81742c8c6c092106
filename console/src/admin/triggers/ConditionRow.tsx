import { useAdminI18n } from '../i18n/index.ts';
import type { ConditionErrors } from './buildInput.ts';
import { ConditionInputs } from './ConditionInputs.tsx';
import { CONDITION_LABELS } from './conditionTypes.ts';
import type { ConditionDraft } from './draft.ts';

interface ConditionRowProps {
  draft: ConditionDraft;
  errors: ConditionErrors;
  onChange: (draft: ConditionDraft) => void;
  onRemove: () => void;
}

/** One condition: its type as the group's name, what it asks for, "not", and a way to remove it. */
export function ConditionRow({ draft, errors, onChange, onRemove }: ConditionRowProps) {
  const { t } = useAdminI18n();
  const label = t(CONDITION_LABELS[draft.type]);
  return (
    <li class="condition-row" data-part="condition" data-type={draft.type} data-key={draft.key}>
      <fieldset class="condition-fieldset">
        <legend>{label}</legend>
        <div class="condition-inputs">
          <ConditionInputs draft={draft} errors={errors} onChange={onChange} />
        </div>
        <div class="condition-controls">
          <label class="check negate-check">
            <input
              type="checkbox"
              name="negate"
              checked={draft.negate}
              onChange={(event) => onChange({ ...draft, negate: event.currentTarget.checked })}
            />
            <span>{t('conditions.negate')}</span>
          </label>
          <button
            type="button"
            class="button"
            data-part="remove-condition"
            aria-label={t('conditions.removeNamed', { type: label })}
            onClick={onRemove}
          >
            {t('conditions.remove')}
          </button>
        </div>
      </fieldset>
    </li>
  );
}
