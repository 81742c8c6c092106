import { describe, expect, it } from 'vitest';
import { regexMatches, regexProblem } from './patterns.ts';

describe('rules’ regular expressions', () => {
  it('say why RE2 refuses a pattern: a syntax error, or lookaround and backreferences it does not run', () => {
    expect(regexProblem('^/p/[a-z]+/(size|color)$')).toBeNull();
    expect(regexProblem('/checkout/(step')).toBe('missing closing ): `/checkout/(step`');
    expect(regexProblem('^/p/(?!sale)')).toMatch(/unsupported Perl syntax/);
    expect(regexProblem('(a)\\1')).toMatch(/escape/);
  });

  it('refuse counted repetition that would make the compiled pattern large: each count, and all of them together', () => {
    expect(regexProblem('^/p/[0-9]{1,20}$')).toBeNull();
    expect(regexProblem('^/p/[0-9]{21}$')).toBe('repetition count over 20: {21}');
    expect(regexProblem('[^!]{0,1000}x')).toBe('repetition count over 20: {0,1000}');
    expect(regexProblem('[a-z]{0,20}'.repeat(6))).toBe('repetition counts over 100 in all');
    // A brace taken literally is no count.
    expect(regexProblem('\\{999\\}')).toBeNull();
    expect(regexMatches('[^!]{0,1000}x', 'x')).toBe(false);
  });

  it('find the pattern anywhere in the text, ignoring case', () => {
    expect(regexMatches('checkout', '/shop/CHECKOUT/step-2')).toBe(true);
    expect(regexMatches('^checkout', '/shop/checkout')).toBe(false);
    expect(regexMatches('(', 'anything (')).toBe(false);
    // Only the start of a very long text is read.
    expect(regexMatches('tail$', `/${'a'.repeat(2_000)}/tail`)).toBe(false);
    expect(regexMatches('^/a+', `/${'a'.repeat(2_000)}/tail`)).toBe(true);
  });
});
