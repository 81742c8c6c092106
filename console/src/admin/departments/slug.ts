/** Mirrors the Department slug rule in @mostrador/shared: 1–40 of a-z, 0-9 and '-'. */
export const SLUG_MAX = 40;
export const SLUG_PATTERN = '[a-z0-9-]+';

/**
 * A slug suggested from a department name: accents dropped ("Atenció" →
 * "atencio"), the Catalan middle dot joined ("col·lecció" → "colleccio"),
 * anything else that is not a letter or digit turned into a single hyphen.
 */
export function suggestSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[·•]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
}
