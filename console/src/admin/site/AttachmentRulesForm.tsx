import type { AttachmentType, ErrorBody, SiteSettings } from '@mostrador/shared';
import { ATTACHMENT_MAX_MB, ATTACHMENT_TYPES } from '@mostrador/shared/limits';
import { useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import { Field } from '../Field.tsx';
import { FormFooter } from '../FormFooter.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { SiteSwitch } from './SiteSwitch.tsx';

/** A whole number of megabytes in range, or undefined. */
export function parseMaxMb(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const mb = Number(trimmed);
  return mb >= 1 && mb <= ATTACHMENT_MAX_MB ? mb : undefined;
}

/** The site's rules for files in the chat: the largest file, the kinds accepted, and whether shoppers may send them. */
export function AttachmentRulesForm({ settings, onSaved }: { settings: SiteSettings; onSaved: (settings: SiteSettings) => void }) {
  const { t } = useAdminI18n();
  const [maxMb, setMaxMb] = useState(String(settings.attachmentMaxMb));
  const [types, setTypes] = useState<readonly AttachmentType[]>(settings.attachmentTypes);
  const [visitorUploads, setVisitorUploads] = useState(settings.visitorUploads);
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (saving) return;
    const attachmentMaxMb = parseMaxMb(maxMb);
    setSaved(false);
    setError(null);
    setInvalid(attachmentMaxMb === undefined);
    if (attachmentMaxMb === undefined) return;
    setSaving(true);
    const result = await adminApi.updateSite({ attachmentMaxMb, attachmentTypes: [...types], visitorUploads });
    setSaving(false);
    if (!result.ok) return setError(result.error);
    setMaxMb(String(result.data.attachmentMaxMb));
    setTypes(result.data.attachmentTypes);
    setVisitorUploads(result.data.visitorUploads);
    setSaved(true);
    onSaved(result.data);
  }

  return (
    <form
      class="admin-form admin-card"
      data-part="attachment-rules"
      aria-labelledby="attachment-rules-heading"
      onSubmit={submit}
      noValidate
    >
      <h3 id="attachment-rules-heading">{t('attachmentRules.heading')}</h3>
      <Field label={t('attachmentRules.maxMb')} hint={t('attachmentRules.maxMbHint')}>
        {({ id, hintId }) => (
          <input
            id={id}
            name="attachmentMaxMb"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            aria-describedby={hintId}
            aria-invalid={invalid}
            value={maxMb}
            onInput={(event) => setMaxMb(event.currentTarget.value)}
          />
        )}
      </Field>
      <fieldset>
        <legend>{t('attachmentRules.types')}</legend>
        {ATTACHMENT_TYPES.map((type) => (
          <label key={type} class="check">
            <input
              type="checkbox"
              name={`type-${type}`}
              checked={types.includes(type)}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                setTypes((current) => ATTACHMENT_TYPES.filter((t) => (t === type ? on : current.includes(t))));
              }}
            />
            {t(`attachmentRules.type.${type}`)}
          </label>
        ))}
      </fieldset>
      <SiteSwitch
        name="visitorUploads"
        label={t('attachmentRules.visitorUploads')}
        hint={t('attachmentRules.visitorUploadsHint')}
        checked={visitorUploads}
        onChange={setVisitorUploads}
      />
      {invalid && (
        <p class="inline-error" role="alert">
          {t('attachmentRules.invalid')}
        </p>
      )}
      <FormFooter error={error} submitting={saving} label={t('common.save')} busyLabel={t('common.saving')}>
        <span class="admin-status" role="status">
          {saved ? t('attachmentRules.saved') : ''}
        </span>
      </FormFooter>
    </form>
  );
}
