import { render } from '@testing-library/preact';
import type { ComponentChild } from 'preact';
import { createTranslator } from '../i18n/catalogue.ts';
import { catalogues } from '../i18n/catalogues.ts';
import { setTranslator } from './translation.ts';

/** Renders UI in English, as startWidget would for an English page; for tests only. */
export function renderInEnglish(ui: ComponentChild) {
  setTranslator(createTranslator(catalogues.en));
  return render(ui);
}
