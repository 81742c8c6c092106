import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { translatorFor, type Language, type Translate } from './index.ts';

export interface I18n {
  language: Language;
  t: Translate;
  setLanguage: (language: Language) => void;
}

/** English without a way to switch: what components see when rendered alone, as in tests. */
const standalone: I18n = { language: 'en', t: translatorFor('en'), setLanguage: () => {} };

export const I18nContext = createContext<I18n>(standalone);

export function useI18n(): I18n {
  return useContext(I18nContext);
}
