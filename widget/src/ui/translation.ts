import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translate } from '../i18n/catalogue.ts';

/**
 * The translator for the page's language. Every render is inside a provider
 * (startWidget, and the tests' render helper); without one, keys show as they
 * are, which a test would notice at once.
 */
export const TranslationContext = createContext<Translate>((key) => key);

export const useTranslate = (): Translate => useContext(TranslationContext);
