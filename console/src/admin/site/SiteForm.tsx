import type { ErrorBody, PreChatMode, SiteSettings } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { Field } from '../Field.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { formatOrigins, parseOrigins } from './origins.ts';
import { RefusedOrigins } from './RefusedOrigins.tsx';
import { SiteSwitch } from './SiteSwitch.tsx';

interface SiteFormProps {
  settings: SiteSettings;
  onSaved: (settings: SiteSettings) => void;
}

export function SiteForm({ settings, onSaved }: SiteFormProps) {
  const { t } = useAdminI18n();
  const [name, setName] = useState(settings.name);
  const [origins, setOrigins] = useState(formatOrigins(settings.allowedOrigins));
  const [departmentChoice, setDepartmentChoice] = useState(settings.departmentChoice);
  const [typingPreview, setTypingPreview] = useState(settings.typingPreview);
  const [identityEnforced, setIdentityEnforced] = useState(settings.identityEnforced);
  const [preChat, setPreChat] = useState(settings.preChat);
  const [feedback, setFeedback] = useState({
    ratingEnabled: settings.ratingEnabled,
    ratingAskAgain: settings.ratingAskAgain,
    npsEnabled: settings.npsEnabled,
  });
  const feedbackSwitch = (key: keyof typeof feedback, label: string, hint: string) => (
    <SiteSwitch name={key} label={label} hint={hint} checked={feedback[key]} onChange={(on) => setFeedback((f) => ({ ...f, [key]: on }))} />
  );
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setSaved(false);
    setError(null);
    const result = await adminApi.updateSite({
      name: name.trim(),
      allowedOrigins: parseOrigins(origins),
      departmentChoice,
      typingPreview,
      identityEnforced,
      preChat,
      ...feedback,
    });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    // Show what the server kept (trimmed, deduplicated), not what was typed.
    setName(result.data.name);
    setOrigins(formatOrigins(result.data.allowedOrigins));
    setDepartmentChoice(result.data.departmentChoice);
    setTypingPreview(result.data.typingPreview);
    setIdentityEnforced(result.data.identityEnforced);
    setPreChat(result.data.preChat);
    const { ratingEnabled, ratingAskAgain, npsEnabled } = result.data;
    setFeedback({ ratingEnabled, ratingAskAgain, npsEnabled });
    setSaved(true);
    onSaved(result.data);
  }

  return (
    <form class="admin-form admin-card" data-part="site-settings" aria-labelledby="site-heading" onSubmit={submit} noValidate>
      <Field label={t('site.fieldName')} hint={t('site.nameHint')}>
        {({ id, hintId }) => (
          <input
            id={id}
            name="name"
            type="text"
            required
            maxLength={80}
            aria-describedby={hintId}
            value={name}
            onInput={(event) => setName(event.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={t('site.fieldOrigins')} hint={t('site.originsHint')}>
        {({ id, hintId }) => (
          <textarea
            id={id}
            name="allowedOrigins"
            rows={5}
            spellcheck={false}
            autoComplete="off"
            aria-describedby={hintId}
            value={origins}
            onInput={(event) => setOrigins(event.currentTarget.value)}
          />
        )}
      </Field>
      <RefusedOrigins
        onAllowed={(origin, saved) => {
          // Added to what is typed, so unsaved edits elsewhere in the form stay.
          setOrigins((text) => formatOrigins([...parseOrigins(text), origin]));
          onSaved(saved);
        }}
      />
      <label class="check with-hint">
        <input
          type="checkbox"
          name="departmentChoice"
          checked={departmentChoice}
          onChange={(event) => setDepartmentChoice(event.currentTarget.checked)}
        />
        <span>
          <span class="check-label">{t('site.fieldDepartmentChoice')}</span>
          <span class="field-hint">{t('site.departmentChoiceHint')}</span>
        </span>
      </label>
      <Field label={t('site.fieldPreChat')} hint={t('site.preChatHint')}>
        {({ id, hintId }) => (
          <select
            id={id}
            name="preChat"
            aria-describedby={hintId}
            value={preChat}
            onChange={(event) => setPreChat(event.currentTarget.value as PreChatMode)}
          >
            <option value="off">{t('site.preChatOff')}</option>
            <option value="email">{t('site.preChatEmail')}</option>
            <option value="name_email">{t('site.preChatNameEmail')}</option>
          </select>
        )}
      </Field>
      <SiteSwitch
        name="typingPreview"
        label={t('site.fieldTypingPreview')}
        hint={t('site.typingPreviewHint')}
        checked={typingPreview}
        onChange={setTypingPreview}
      />
      <SiteSwitch
        name="identityEnforced"
        label={t('site.fieldIdentityEnforced')}
        hint={t('site.identityEnforcedHint')}
        checked={identityEnforced}
        onChange={setIdentityEnforced}
      />
      {feedbackSwitch('ratingEnabled', t('site.fieldRating'), t('site.ratingHint'))}
      {feedbackSwitch('ratingAskAgain', t('site.fieldRatingAskAgain'), t('site.ratingAskAgainHint'))}
      {feedbackSwitch('npsEnabled', t('site.fieldNps'), t('site.npsHint'))}
      <ErrorAlert error={error} />
      <div class="form-actions">
        <button type="submit" class="button primary" disabled={saving}>
          {saving ? t('common.saving') : t('common.save')}
        </button>
        <span class="admin-status" role="status">
          {saved ? t('site.saved') : ''}
        </span>
      </div>
    </form>
  );
}
