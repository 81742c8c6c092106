import { describe, expect, it } from 'vitest';
import { amount, asList, asObject, currency, text, webUrl } from './clean.ts';

describe('clean', () => {
  it('asObject accepts plain objects only; asList wraps single values', () => {
    expect(asObject({ a: 1 })).toEqual({ a: 1 });
    expect(asObject([1])).toBeNull();
    expect(asObject(null)).toBeNull();
    expect(asList('a')).toEqual(['a']);
    expect(asList(['a', 'b'])).toEqual(['a', 'b']);
    expect(asList(undefined)).toEqual([]);
  });

  it('text trims, collapses whitespace, clamps, and returns null for nothing', () => {
    expect(text('  Hoodie\n\t M  ', 200)).toBe('Hoodie M');
    expect(text(42, 10)).toBe('42');
    expect(text('abcdef', 3)).toBe('abc');
    expect(text('   ', 10)).toBeNull();
    expect(text({}, 10)).toBeNull();
  });

  it('text does not leave half an emoji at the cut', () => {
    expect(text('ab😀', 3)).toBe('ab');
  });

  it('webUrl resolves against the base and accepts http(s) up to 2000 characters', () => {
    expect(webUrl('/a.jpg', 'https://shop.example/p/x')).toBe('https://shop.example/a.jpg');
    expect(webUrl('//cdn.example.net/a.jpg', 'https://shop.example/')).toBe('https://cdn.example.net/a.jpg');
    expect(webUrl('data:image/png;base64,AAAA')).toBeNull();
    expect(webUrl('/a.jpg')).toBeNull();
    expect(webUrl(`https://shop.example/${'a'.repeat(1979)}`)).toHaveLength(2000);
    expect(webUrl(`https://shop.example/${'a'.repeat(1980)}`)).toBeNull();
  });

  it('amount accepts numbers and dot-decimal strings between 0 and 1e9, without float noise', () => {
    expect(amount(10.01 * 3)).toBe(30.03);
    expect(amount('84.00')).toBe(84);
    expect(amount('1.299,00')).toBeNull();
    expect(amount(-1)).toBeNull();
    expect(amount(Number.POSITIVE_INFINITY)).toBeNull();
    expect(amount(null)).toBeNull();
  });

  it('currency upper-cases ISO codes and rejects anything else', () => {
    expect(currency(' eur ')).toBe('EUR');
    expect(currency('€')).toBeNull();
    expect(currency('EURO')).toBeNull();
  });
});
