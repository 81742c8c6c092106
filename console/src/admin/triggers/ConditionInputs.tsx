import { useAdminI18n, type AdminMessageKey } from '../i18n/index.ts';
import { BusinessHoursInputs } from './BusinessHoursInputs.tsx';
import type { ConditionErrors } from './buildInput.ts';
import { CheckedField } from './CheckedField.tsx';
import type { ConditionDraft } from './draft.ts';
import { COUNT_MAX, EVENT_NAME_MAX, SECONDS_MAX, SKU_MAX } from './limits.ts';
import { MoneyInputs } from './MoneyInputs.tsx';
import { NumberField } from './NumberField.tsx';
import { TextMatchInputs } from './TextMatchInputs.tsx';

const SECONDS_HINTS: Record<'time_on_page' | 'time_on_site' | 'idle' | 'checkout_idle', AdminMessageKey> = {
  time_on_page: 'conditions.timeOnPageHint',
  time_on_site: 'conditions.timeOnSiteHint',
  idle: 'conditions.idleHint',
  checkout_idle: 'conditions.checkoutIdleHint',
};

/** The conditions with nothing to set still say what they look at. */
const EXPLANATIONS: Record<'exit_intent' | 'returning_visitor' | 'agents_online', AdminMessageKey> = {
  exit_intent: 'conditions.exitIntentHint',
  returning_visitor: 'conditions.returningHint',
  agents_online: 'conditions.agentsOnlineHint',
};

interface ConditionInputsProps {
  draft: ConditionDraft;
  /** Only the errors to show now. */
  errors: ConditionErrors;
  onChange: (draft: ConditionDraft) => void;
}

interface TextInputProps {
  label: string;
  hint?: string;
  name: string;
  value: string;
  maxLength?: number;
  error: ConditionErrors[keyof ConditionErrors];
  onValue: (value: string) => void;
}

function TextInput({ label, hint, name, value, maxLength, error, onValue }: TextInputProps) {
  return (
    <CheckedField label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={name}
          type="text"
          autoComplete="off"
          spellcheck={false}
          required
          maxLength={maxLength}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          value={value}
          onInput={(event) => onValue(event.currentTarget.value)}
        />
      )}
    </CheckedField>
  );
}

/** What a condition row asks for, by its type. */
export function ConditionInputs({ draft, errors, onChange }: ConditionInputsProps) {
  const { t } = useAdminI18n();
  switch (draft.type) {
    case 'time_on_page':
    case 'time_on_site':
    case 'idle':
    case 'checkout_idle':
      return (
        <NumberField
          label={t('conditions.seconds')}
          hint={t(SECONDS_HINTS[draft.type])}
          name="seconds"
          min={0}
          max={SECONDS_MAX}
          value={draft.seconds}
          error={errors.seconds}
          onValue={(seconds) => onChange({ ...draft, seconds })}
        />
      );
    case 'pages_viewed':
    case 'cart_items':
      return (
        <NumberField
          label={draft.type === 'pages_viewed' ? t('conditions.minPages') : t('conditions.minItems')}
          hint={draft.type === 'pages_viewed' ? t('conditions.minPagesHint') : undefined}
          name="min"
          min={0}
          max={COUNT_MAX}
          value={draft.min}
          error={errors.min}
          onValue={(min) => onChange({ ...draft, min })}
        />
      );
    case 'url':
    case 'referrer':
    case 'utm':
      return <TextMatchInputs draft={draft} errors={errors} onChange={onChange} />;
    case 'product_page':
    case 'cart_value':
      return <MoneyInputs draft={draft} errors={errors} onChange={onChange} />;
    case 'cart_contains':
      return (
        <TextInput
          label={t('conditions.sku')}
          hint={t('conditions.skuHint')}
          name="sku"
          maxLength={SKU_MAX}
          value={draft.sku}
          error={errors.sku}
          onValue={(sku) => onChange({ ...draft, sku })}
        />
      );
    case 'language':
      return (
        <TextInput
          label={t('conditions.languages')}
          hint={t('conditions.languagesHint')}
          name="languages"
          value={draft.languages}
          error={errors.languages}
          onValue={(languages) => onChange({ ...draft, languages })}
        />
      );
    case 'business_hours':
      return <BusinessHoursInputs draft={draft} errors={errors} onChange={onChange} />;
    case 'event':
      return (
        <TextInput
          label={t('conditions.eventName')}
          hint={t('conditions.eventHint')}
          name="name"
          maxLength={EVENT_NAME_MAX}
          value={draft.name}
          error={errors.name}
          onValue={(name) => onChange({ ...draft, name })}
        />
      );
    case 'exit_intent':
    case 'returning_visitor':
    case 'agents_online':
      return <p class="field-hint">{t(EXPLANATIONS[draft.type])}</p>;
  }
}
