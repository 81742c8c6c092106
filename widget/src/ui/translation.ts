import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { createTranslator, type Translate } from '../i18n/catalogue.ts';

/** The translator for the page's language; English if no provider is set (tests). */
export const TranslationContext = createContext<Translate>(createTranslator('en'));

export const useTranslate = (): Translate => useContext(TranslationContext);
