import { useI18n } from '../i18n/context.ts';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '../i18n/index.ts';

export function LanguageSelect() {
  const { language, setLanguage, t } = useI18n();
  return (
    <label class="language-select">
      <span class="visually-hidden">{t('header.language')}</span>
      <select
        name="language"
        value={language}
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          if (isLanguage(chosen)) setLanguage(chosen);
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
