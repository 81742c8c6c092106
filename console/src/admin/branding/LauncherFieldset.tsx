import type { Branding } from '@mostrador/shared';
import { LAUNCHER_STYLES, MAX_LAUNCHER_TEXT_CHARS } from '@mostrador/shared/branding';
import { useAdminI18n } from '../i18n/index.ts';
import { LANGUAGE_NAMES, LANGUAGES } from './languages.ts';

interface LauncherFieldsetProps {
  look: Branding;
  edit(change: Partial<Branding>): void;
}

/**
 * The launcher: round, or a pill with words beside the icon, which the
 * merchant may write per language (up to 30 characters, the schema's
 * limit); left empty, the widget says its own "Open chat". The words are
 * the button's accessible name too, so they should say what it does.
 */
export function LauncherFieldset({ look, edit }: LauncherFieldsetProps) {
  const { t } = useAdminI18n();
  return (
    <fieldset class="check-group">
      <legend>{t('branding.launcher')}</legend>
      {LAUNCHER_STYLES.map((launcher) => (
        <label key={launcher} class="check">
          <input type="radio" name="launcher" value={launcher} checked={look.launcher === launcher} onChange={() => edit({ launcher })} />
          <span class="check-label">{t(launcher === 'round' ? 'branding.round' : 'branding.labelled')}</span>
        </label>
      ))}
      {look.launcher === 'labelled' && (
        <>
          <p class="field-hint">{t('branding.launcherTextHint', { max: MAX_LAUNCHER_TEXT_CHARS })}</p>
          {LANGUAGES.map((language) => (
            <label key={language} class="branding-launcher-text">
              {t('branding.launcherText', { language: LANGUAGE_NAMES[language] })}
              <input
                name={`launcherText-${language}`}
                lang={language}
                maxLength={MAX_LAUNCHER_TEXT_CHARS}
                value={look.launcherText[language]}
                onInput={(event) => edit({ launcherText: { ...look.launcherText, [language]: event.currentTarget.value } })}
              />
            </label>
          ))}
        </>
      )}
    </fieldset>
  );
}
