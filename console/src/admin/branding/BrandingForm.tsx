import type { Branding, ErrorBody } from '@mostrador/shared';
import {
  BRANDING_THEMES,
  contrastRatio,
  HEX_COLOR,
  isLegible,
  MAX_GREETING_CHARS,
  MAX_OFFSET_PX,
  MAX_TITLE_CHARS,
  readableTextOn,
} from '@mostrador/shared/branding';
import { useId, useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import { FormFooter } from '../FormFooter.tsx';
import { useAdminI18n, type AdminMessageKey } from '../i18n/index.ts';
import { BrandingPreview } from './BrandingPreview.tsx';
import { ColourField } from './ColourField.tsx';
import { LANGUAGE_NAMES, LANGUAGES } from './languages.ts';
import { LauncherFieldset } from './LauncherFieldset.tsx';
import { replyText } from './replyText.ts';
import './branding.css';

const THEME_LABEL: Record<Branding['theme'], AdminMessageKey> = {
  auto: 'branding.themeAuto',
  light: 'branding.themeLight',
  dark: 'branding.themeDark',
};

interface BrandingFormProps {
  initial: Branding;
  replySeconds: number | null;
  siteName: string;
  online: readonly string[];
}

/** A whole number of pixels within the schema's range, whatever was typed. */
const offset = (value: string) => Math.max(0, Math.min(MAX_OFFSET_PX, Math.round(Number(value)) || 0));

/**
 * The branding form beside its preview. The contrast of the text on the
 * brand colour is checked as the admin types (the same function the server's
 * schema uses): below 4.5:1 the form says so at once and will not send it,
 * and the server refuses it anyway.
 */
export function BrandingForm({ initial, replySeconds, siteName, online }: BrandingFormProps) {
  const { t } = useAdminI18n();
  const [look, setLook] = useState(initial);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [systemDark, setSystemDark] = useState(false);
  const contrastId = useId();
  const edit = (change: Partial<Branding>) => {
    setLook((current) => ({ ...current, ...change }));
    setSaved(false);
  };
  const wellFormed = HEX_COLOR.test(look.color) && HEX_COLOR.test(look.textColor);
  const legible = wellFormed && isLegible(look.textColor, look.color);
  const ratio = contrastRatio(look.textColor, look.color);
  const suggestion = HEX_COLOR.test(look.color) ? readableTextOn(look.color) : null;

  async function submit(event: Event) {
    event.preventDefault();
    if (saving || !legible) return;
    setSaving(true);
    setError(null);
    const result = await adminApi.saveBranding(look);
    setSaving(false);
    if (!result.ok) return setError(result.error);
    setLook(result.data.look);
    setSaved(true);
  }

  return (
    <div class="branding-layout">
      <form class="admin-form admin-card" data-part="branding-form" aria-labelledby="branding-heading" onSubmit={submit} noValidate>
        <fieldset class="check-group">
          <legend>{t('branding.colours')}</legend>
          <ColourField
            name="color"
            label={t('branding.color')}
            pickerLabel={t('branding.colorPicker')}
            value={look.color}
            describedBy={contrastId}
            onValue={(color) => edit({ color })}
          />
          <ColourField
            name="textColor"
            label={t('branding.textColor')}
            pickerLabel={t('branding.textColorPicker')}
            value={look.textColor}
            describedBy={contrastId}
            invalid={!legible}
            onValue={(textColor) => edit({ textColor })}
          />
          <p id={contrastId} class={legible ? 'field-hint' : 'form-error'} data-part="contrast" data-legible={legible} role="status">
            {!wellFormed
              ? t('branding.contrastBadColor')
              : t(legible ? 'branding.contrastOk' : 'branding.contrastLow', { ratio: (Math.floor(ratio * 100) / 100).toFixed(2) })}
          </p>
          {wellFormed && !legible && suggestion && isLegible(suggestion, look.color) && (
            <button type="button" class="button" data-part="use-suggested" onClick={() => edit({ textColor: suggestion })}>
              {t('branding.useSuggested', { color: suggestion })}
            </button>
          )}
        </fieldset>

        <fieldset class="check-group">
          <legend>{t('branding.position')}</legend>
          {(['right', 'left'] as const).map((side) => (
            <label key={side} class="check">
              <input type="radio" name="side" value={side} checked={look.side === side} onChange={() => edit({ side })} />
              <span class="check-label">{t(side === 'right' ? 'branding.right' : 'branding.left')}</span>
            </label>
          ))}
          <NumberInput name="offsetX" label={t('branding.offsetX')} value={look.offsetX} onValue={(offsetX) => edit({ offsetX })} />
          <NumberInput name="offsetY" label={t('branding.offsetY')} value={look.offsetY} onValue={(offsetY) => edit({ offsetY })} />
          <p class="field-hint">{t('branding.offsetHint')}</p>
        </fieldset>

        <LauncherFieldset look={look} edit={edit} />

        <fieldset class="check-group">
          <legend>{t('branding.theme')}</legend>
          {BRANDING_THEMES.map((theme) => (
            <label key={theme} class="check">
              <input type="radio" name="theme" value={theme} checked={look.theme === theme} onChange={() => edit({ theme })} />
              <span class="check-label">{t(THEME_LABEL[theme])}</span>
            </label>
          ))}
        </fieldset>

        <fieldset class="check-group">
          <legend>{t('branding.words')}</legend>
          <p class="field-hint">{t('branding.wordsHint')}</p>
          {LANGUAGES.map((language) => (
            <div key={language} class="branding-words">
              <label>
                {t('branding.title', { language: LANGUAGE_NAMES[language] })}
                <input
                  name={`title-${language}`}
                  lang={language}
                  maxLength={MAX_TITLE_CHARS}
                  value={look.title[language]}
                  onInput={(event) => edit({ title: { ...look.title, [language]: event.currentTarget.value } })}
                />
              </label>
              <label>
                {t('branding.greeting', { language: LANGUAGE_NAMES[language] })}
                <textarea
                  name={`greeting-${language}`}
                  lang={language}
                  rows={2}
                  maxLength={MAX_GREETING_CHARS}
                  value={look.greeting[language]}
                  onInput={(event) => edit({ greeting: { ...look.greeting, [language]: event.currentTarget.value } })}
                />
              </label>
            </div>
          ))}
        </fieldset>

        <label class="check">
          <input
            type="checkbox"
            name="showTeam"
            checked={look.showTeam}
            onChange={(event) => edit({ showTeam: event.currentTarget.checked })}
          />
          <span class="check-label">{t('branding.showTeam')}</span>
        </label>
        <label class="check">
          <input type="checkbox" name="sound" checked={look.sound} onChange={(event) => edit({ sound: event.currentTarget.checked })} />
          <span class="check-label">{t('branding.sound')}</span>
        </label>
        <p class="field-hint">{t('branding.soundHint')}</p>
        <p class="field-hint" data-part="reply-time">
          {replySeconds === null ? t('branding.replyUnknown') : t('branding.replyKnown', { when: replyText(replySeconds, t) })}
        </p>

        {saved && (
          <p class="admin-status" role="status">
            {t('branding.saved')}
          </p>
        )}
        <FormFooter error={error} submitting={saving} label={t('branding.save')} busyLabel={t('common.saving')} />
      </form>
      <div class="branding-aside">
        <BrandingPreview look={look} siteName={siteName} online={online} replySeconds={replySeconds} systemDark={systemDark} />
        {look.theme === 'auto' && (
          <label class="check">
            <input
              type="checkbox"
              name="previewDark"
              checked={systemDark}
              onChange={(event) => setSystemDark(event.currentTarget.checked)}
            />
            <span class="check-label">{t('branding.previewDark')}</span>
          </label>
        )}
      </div>
    </div>
  );
}

function NumberInput({ name, label, value, onValue }: { name: string; label: string; value: number; onValue: (value: number) => void }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="number"
        min={0}
        max={MAX_OFFSET_PX}
        step={1}
        value={value}
        onInput={(event) => onValue(offset(event.currentTarget.value))}
      />
    </div>
  );
}
