import type { CartItem } from '../schemas/shop.ts';

/**
 * Turns values read off a shop's pages (untrusted, often sloppy) into the
 * shapes `@mostrador/shared` accepts, or null, so the server's validation
 * never rejects a whole product or cart over one bad field.
 */

export type Json = Record<string, unknown>;

export const asObject = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;

/** schema.org and GA4 allow a single value wherever they allow a list. */
export const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value == null ? [] : [value]);

/** Trimmed, whitespace collapsed, cut to `max`; null when nothing is left. Numbers count as text (numeric SKUs). */
export function text(value: unknown, max: number): string | null {
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string') return null;
  // Cutting may split an emoji's surrogate pair; the lone half would not survive as text.
  const cut = value
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .replace(/[\ud800-\udbff]$/, '')
    .trim();
  return cut || null;
}

/** Absolute http(s) URL up to 2000 characters, resolving relative and protocol-relative ones against `base`. */
export function webUrl(value: unknown, base?: string): string | null {
  // An empty string would resolve to the base itself.
  const given = typeof value === 'string' && value.trim();
  if (!given) return null;
  try {
    const href = new URL(given, base).href;
    return /^https?:/.test(href) && href.length <= 2000 ? href : null;
  } catch {
    return null;
  }
}

/**
 * A price in major units: a number, or a dot-decimal string as schema.org
 * prescribes ("84.00"). Rounded to 1/1000 so sums of floats read as shops print them.
 */
export function amount(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? +value : NaN;
  return number >= 0 && number <= 1e9 ? Math.round(number * 1000) / 1000 : null;
}

/** ISO 4217 code; shops sometimes write it in lower case. */
export function currency(value: unknown): string | null {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  return /^[A-Z]{3}$/.test(code) ? code : null;
}

/** A cart line, or null without a name or a whole positive quantity. GA4 items carry no URLs, hence the defaults. */
export function cartItem(
  sku: unknown,
  name: unknown,
  qty: unknown,
  price: number | null,
  url: string | null = null,
  image: string | null = null,
): CartItem | null {
  const title = text(name, 200);
  const count = Math.min(Number(qty), 10_000);
  return title && Number.isInteger(count) && count > 0
    ? { sku: text(sku, 100), name: title, qty: count, price: price ?? 0, url, image }
    : null;
}
