import { ca } from './ca.ts';
import type { Language, Messages } from './catalogue.ts';
import { en } from './en.ts';
import { es } from './es.ts';

/**
 * Every language's messages, for the build (which writes one JSON file per
 * language) and for tests; the widget itself fetches only the one it needs.
 */
export const catalogues = { en, ca, es } as const satisfies Record<Language, Messages>;
