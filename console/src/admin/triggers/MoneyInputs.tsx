import { Field } from '../Field.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import type { ConditionErrors } from './buildInput.ts';
import { CheckedField } from './CheckedField.tsx';
import type { ConditionDraft } from './draft.ts';

type MoneyDraft = Extract<ConditionDraft, { type: 'product_page' | 'cart_value' }>;

interface MoneyInputsProps {
  draft: MoneyDraft;
  errors: ConditionErrors;
  onChange: (draft: ConditionDraft) => void;
}

/** A product's minimum price, or the cart total compared either way; both in a currency of their own. */
export function MoneyInputs({ draft, errors, onChange }: MoneyInputsProps) {
  const { t } = useAdminI18n();
  const amount = draft.type === 'product_page' ? draft.minPrice : draft.amount;
  const setAmount = (value: string) =>
    onChange(draft.type === 'product_page' ? { ...draft, minPrice: value } : { ...draft, amount: value });
  return (
    <>
      {draft.type === 'cart_value' && (
        <Field label={t('conditions.compare')}>
          {({ id }) => (
            <select
              id={id}
              name="op"
              value={draft.op}
              onChange={(event) => onChange({ ...draft, op: event.currentTarget.value === 'lt' ? 'lt' : 'gte' })}
            >
              <option value="gte">{t('conditions.opGte')}</option>
              <option value="lt">{t('conditions.opLt')}</option>
            </select>
          )}
        </Field>
      )}
      <CheckedField
        label={draft.type === 'product_page' ? t('conditions.minPrice') : t('conditions.amount')}
        hint={draft.type === 'product_page' ? t('conditions.minPriceHint') : t('conditions.amountHint')}
        error={draft.type === 'product_page' ? errors.minPrice : errors.amount}
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            name={draft.type === 'product_page' ? 'minPrice' : 'amount'}
            type="text"
            class="short-input"
            inputMode="decimal"
            autoComplete="off"
            required={draft.type === 'cart_value'}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            value={amount}
            onInput={(event) => setAmount(event.currentTarget.value)}
          />
        )}
      </CheckedField>
      <CheckedField label={t('conditions.currency')} hint={t('conditions.currencyHint')} error={errors.currency}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            name="currency"
            type="text"
            class="short-input"
            autoComplete="off"
            spellcheck={false}
            maxLength={3}
            required
            aria-invalid={invalid}
            aria-describedby={describedBy}
            value={draft.currency}
            onInput={(event) => onChange({ ...draft, currency: event.currentTarget.value })}
          />
        )}
      </CheckedField>
    </>
  );
}
