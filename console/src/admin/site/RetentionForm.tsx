import type { ErrorBody, SiteSettings } from '@mostrador/shared';
import { RETENTION_DAYS_MAX } from '@mostrador/shared/limits';
import { useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import { Field } from '../Field.tsx';
import { FormFooter } from '../FormFooter.tsx';
import { useAdminI18n } from '../i18n/index.ts';

interface RetentionFormProps {
  settings: SiteSettings;
  onSaved: (settings: SiteSettings) => void;
}

const asText = (days: number | null) => (typeof days === 'number' ? String(days) : '');

/** Empty keeps data for good; otherwise a whole number of days in range. Undefined: not a valid entry. */
export function parseRetentionDays(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed)) return undefined;
  const days = Number(trimmed);
  return days >= 1 && days <= RETENTION_DAYS_MAX ? days : undefined;
}

interface DaysFieldProps {
  name: string;
  label: string;
  hint: string;
  value: string;
  /** The form was refused as typed: mark this field if it is the culprit. */
  invalid: boolean;
  onInput: (value: string) => void;
}

function DaysField({ name, label, hint, value, invalid, onInput }: DaysFieldProps) {
  return (
    <Field label={label} hint={hint}>
      {({ id, hintId }) => (
        <input
          id={id}
          name={name}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          aria-describedby={hintId}
          aria-invalid={invalid && parseRetentionDays(value) === undefined}
          value={value}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** How long the site keeps closed conversations and page trails; saved on its own, apart from the widget settings. */
export function RetentionForm({ settings, onSaved }: RetentionFormProps) {
  const { t } = useAdminI18n();
  const [conversations, setConversations] = useState(asText(settings.conversationRetentionDays));
  const [trail, setTrail] = useState(asText(settings.trailRetentionDays));
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (saving) return;
    const conversationRetentionDays = parseRetentionDays(conversations);
    const trailRetentionDays = parseRetentionDays(trail);
    setSaved(false);
    setError(null);
    if (conversationRetentionDays === undefined || trailRetentionDays === undefined) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setSaving(true);
    const result = await adminApi.updateSite({ conversationRetentionDays, trailRetentionDays });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setConversations(asText(result.data.conversationRetentionDays));
    setTrail(asText(result.data.trailRetentionDays));
    setSaved(true);
    onSaved(result.data);
  }

  return (
    <form class="admin-form admin-card" data-part="retention" aria-labelledby="retention-heading" onSubmit={submit} noValidate>
      <h3 id="retention-heading">{t('retention.heading')}</h3>
      <p class="field-hint">{t('retention.intro')}</p>
      <DaysField
        name="conversationRetentionDays"
        label={t('retention.conversations')}
        hint={t('retention.conversationsHint')}
        value={conversations}
        invalid={invalid}
        onInput={setConversations}
      />
      <DaysField
        name="trailRetentionDays"
        label={t('retention.trail')}
        hint={t('retention.trailHint')}
        value={trail}
        invalid={invalid}
        onInput={setTrail}
      />
      {invalid && (
        <p class="inline-error" role="alert">
          {t('retention.invalid')}
        </p>
      )}
      <FormFooter error={error} submitting={saving} label={t('common.save')} busyLabel={t('common.saving')}>
        <span class="admin-status" role="status">
          {saved ? t('retention.saved') : ''}
        </span>
      </FormFooter>
    </form>
  );
}
