/** The widget's languages, each named in itself, for the per-language fields of Admin → Branding. */
export const LANGUAGES = ['ca', 'es', 'en'] as const;
export const LANGUAGE_NAMES = { ca: 'català', es: 'español', en: 'English' } as const;
