import type { Translate } from '../i18n/catalogue.ts';

let current: Translate = (key) => key;

/**
 * The translator for the page's language. One widget speaks one language,
 * so it is set once, before the first render (startWidget, and the tests'
 * render helper), rather than passed down a context; until then keys show
 * as they are, which a test would notice at once.
 */
export const t: Translate = (key, vars) => current(key, vars);

export function setTranslator(translate: Translate): void {
  current = translate;
}
