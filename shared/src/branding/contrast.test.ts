import { describe, expect, it } from 'vitest';
import { Branding } from '../schemas/branding.ts';
import { contrastRatio, DEFAULT_BRANDING, isLegible, MAX_LAUNCHER_TEXT_CHARS, readableTextOn } from './contrast.ts';

const branding = (color: string, textColor: string) => ({ ...DEFAULT_BRANDING, color, textColor });

describe('contrast', () => {
  it('is 21:1 for black on white and 1:1 for a colour on itself, whatever the order', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#1f6feb', '#1f6feb')).toBe(1);
  });

  it('accepts #767676 on white (4.54:1) and refuses #777777 (4.48:1): the AA boundary', () => {
    expect(contrastRatio('#ffffff', '#767676')).toBeCloseTo(4.54, 2);
    expect(isLegible('#ffffff', '#767676')).toBe(true);
    expect(contrastRatio('#ffffff', '#777777')).toBeCloseTo(4.48, 2);
    expect(isLegible('#ffffff', '#777777')).toBe(false);
  });

  it('is not a number for anything but #rrggbb, so nothing malformed passes as legible', () => {
    expect(isLegible('white', '#000000')).toBe(false);
    expect(isLegible('#fff', '#000000')).toBe(false);
  });

  it('suggests near-black on a light colour and white on a dark one', () => {
    expect(readableTextOn('#ffd400')).toBe('#111111');
    expect(readableTextOn('#1f6feb')).toBe('#ffffff');
  });
});

describe('Branding schema', () => {
  it('accepts the defaults and a pair exactly at the boundary side that passes', () => {
    expect(Branding.safeParse(DEFAULT_BRANDING).success).toBe(true);
    expect(Branding.safeParse(branding('#767676', '#FFFFFF')).data?.textColor).toBe('#ffffff');
  });

  it('refuses white on #777777 and white on yellow, on the text colour, saying why', () => {
    for (const [color, text] of [
      ['#777777', '#ffffff'],
      ['#ffd400', '#ffffff'],
    ] as const) {
      const parsed = Branding.safeParse(branding(color, text));
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues).toEqual([
        expect.objectContaining({ path: ['textColor'], message: expect.stringMatching(/^illegible_text/) }),
      ]);
    }
  });

  it('accepts yellow with near-black text', () => {
    expect(Branding.safeParse(branding('#ffd400', '#111111')).success).toBe(true);
  });

  it('refuses colours that are not #rrggbb, offsets out of range and an unknown side', () => {
    expect(Branding.safeParse(branding('red', '#ffffff')).success).toBe(false);
    expect(Branding.safeParse({ ...DEFAULT_BRANDING, offsetX: 201 }).success).toBe(false);
    expect(Branding.safeParse({ ...DEFAULT_BRANDING, side: 'top' }).success).toBe(false);
  });

  it('takes launcher words up to 30 characters per language, refuses 31, and defaults words and sound for an older look', () => {
    const words = { ca: 'Parlem?', es: '¿Hablamos?', en: 'x'.repeat(MAX_LAUNCHER_TEXT_CHARS) };
    expect(Branding.safeParse({ ...DEFAULT_BRANDING, launcherText: words, sound: true }).data).toMatchObject({
      launcherText: words,
      sound: true,
    });
    const long = Branding.safeParse({ ...DEFAULT_BRANDING, launcherText: { ...words, en: 'x'.repeat(MAX_LAUNCHER_TEXT_CHARS + 1) } });
    expect(long.error?.issues.map((i) => i.path.join('.'))).toEqual(['launcherText.en']);
    const { launcherText: _words, sound: _sound, ...older } = DEFAULT_BRANDING;
    expect(Branding.parse(older)).toMatchObject({ launcherText: { ca: '', es: '', en: '' }, sound: false });
  });
});
