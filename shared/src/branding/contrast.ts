/**
 * WCAG 2.x contrast between two sRGB colours (`#rrggbb`), and the defaults of a
 * site's branding. Pure values: the server's schema, the console's form (as
 * the merchant types) and the widget all read the same numbers.
 */

/** WCAG AA for normal text: the launcher's label, the header's title and greeting sit on the brand colour. */
export const MIN_TEXT_CONTRAST = 4.5;

export const HEX_COLOR = /^#[0-9a-f]{6}$/i;

function channel(hex: string, at: number): number {
  const c = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance (WCAG 2.x definition) of `#rrggbb`. */
export function luminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** The contrast ratio, from 1 (same colour) to 21 (black on white). NaN unless both are `#rrggbb`. */
export function contrastRatio(a: string, b: string): number {
  if (!HEX_COLOR.test(a) || !HEX_COLOR.test(b)) return Number.NaN;
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Legible as normal text under WCAG AA. The exact ratio decides: 4.49 is refused, 4.5 accepted. */
export function isLegible(text: string, background: string): boolean {
  return contrastRatio(text, background) >= MIN_TEXT_CONTRAST;
}

/** White or near-black, whichever reads better on the colour: the console's suggestion when a pick is refused. */
export function readableTextOn(background: string): '#ffffff' | '#111111' {
  return contrastRatio('#ffffff', background) >= contrastRatio('#111111', background) ? '#ffffff' : '#111111';
}

export const BRANDING_SIDES = ['right', 'left'] as const;
export const LAUNCHER_STYLES = ['round', 'labelled'] as const;
export const BRANDING_THEMES = ['auto', 'light', 'dark'] as const;
export const MAX_OFFSET_PX = 200;
export const MAX_TITLE_CHARS = 60;
export const MAX_GREETING_CHARS = 240;
/** The labelled launcher's words: a pill beside the icon, so a few words at most. */
export const MAX_LAUNCHER_TEXT_CHARS = 30;

/** What a site shows before its merchant changes anything: the widget as it always looked. */
export const DEFAULT_BRANDING = {
  color: '#1f6feb',
  textColor: '#ffffff',
  side: 'right',
  offsetX: 20,
  offsetY: 20,
  launcher: 'round',
  title: { ca: '', es: '', en: '' },
  greeting: { ca: '', es: '', en: '' },
  showTeam: true,
  theme: 'auto',
  launcherText: { ca: '', es: '', en: '' },
  sound: false,
} as const;
