import { describe, expect, it } from 'vitest';
import { loadRegexCheck, regexProblemOf } from './regexCheck.ts';

describe('checking a rule’s regular expression', () => {
  it('answers with JavaScript’s parser until the server’s engine has come, then with RE2’s, which refuses lookaround', async () => {
    expect(regexProblemOf('(google|bing')).toBe('Unterminated group');
    expect(regexProblemOf('^/p/(?!sale)')).toBeNull();
    await loadRegexCheck();
    expect(regexProblemOf('(google|bing')).toBe('missing closing ): `(google|bing`');
    expect(regexProblemOf('^/p/(?!sale)')).toBe('invalid or unsupported Perl syntax: `(?!`');
    expect(regexProblemOf('^/p/[a-z]+$')).toBeNull();
  });
});
