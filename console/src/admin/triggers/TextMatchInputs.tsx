import type { TextMatch } from '@mostrador/shared';
import { Field } from '../Field.tsx';
import { useAdminI18n, type AdminMessageKey } from '../i18n/index.ts';
import type { ConditionErrors } from './buildInput.ts';
import { CheckedField } from './CheckedField.tsx';
import type { ConditionDraft } from './draft.ts';
import { PATTERN_MAX, UTM_PARAMS } from './limits.ts';

type TextMatchDraft = Extract<ConditionDraft, { type: 'url' | 'referrer' | 'utm' }>;

const HINTS: Record<TextMatchDraft['type'], Record<TextMatch['match'], AdminMessageKey>> = {
  url: { glob: 'conditions.urlGlobHint', regex: 'conditions.urlRegexHint' },
  referrer: { glob: 'conditions.referrerGlobHint', regex: 'conditions.regexHint' },
  utm: { glob: 'conditions.utmGlobHint', regex: 'conditions.regexHint' },
};

interface TextMatchInputsProps {
  draft: TextMatchDraft;
  errors: ConditionErrors;
  onChange: (draft: ConditionDraft) => void;
}

/** The address, referrer or campaign parameter to compare, and how: a wildcard or a regular expression. */
export function TextMatchInputs({ draft, errors, onChange }: TextMatchInputsProps) {
  const { t } = useAdminI18n();
  return (
    <>
      {draft.type === 'utm' && (
        <Field label={t('conditions.utmParam')}>
          {({ id }) => (
            <select
              id={id}
              name="param"
              value={draft.param}
              onChange={(event) => {
                const param = UTM_PARAMS.find((name) => name === event.currentTarget.value);
                if (param) onChange({ ...draft, param });
              }}
            >
              {UTM_PARAMS.map((param) => (
                <option key={param} value={param}>{`utm_${param}`}</option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label={t('conditions.matchKind')}>
        {({ id }) => (
          <select
            id={id}
            name="match"
            value={draft.match}
            onChange={(event) => onChange({ ...draft, match: event.currentTarget.value === 'regex' ? 'regex' : 'glob' })}
          >
            <option value="glob">{t('conditions.matchGlob')}</option>
            <option value="regex">{t('conditions.matchRegex')}</option>
          </select>
        )}
      </Field>
      <CheckedField label={t('conditions.pattern')} hint={t(HINTS[draft.type][draft.match])} error={errors.pattern} live>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            name="pattern"
            type="text"
            class="code-input"
            autoComplete="off"
            spellcheck={false}
            required
            maxLength={PATTERN_MAX}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            value={draft.pattern}
            onInput={(event) => onChange({ ...draft, pattern: event.currentTarget.value })}
          />
        )}
      </CheckedField>
    </>
  );
}
