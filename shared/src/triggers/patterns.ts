import { RE2JS } from 're2js';

/**
 * Rules' regular expressions run on the server against addresses, referrers
 * and campaign values a shopper can make up, so they run on RE2 (re2js, a
 * port of Google's engine), whose matching takes time linear in the text
 * whatever the pattern: a JavaScript RegExp like `(\w|\d)+$` or
 * `.*a.*a.*a.*b` can backtrack for minutes on a crafted 2,000-character URL,
 * and would hold every shop's chat while it does. RE2's time also grows with
 * the size of the pattern once compiled, which counted repetition multiplies
 * (`[^/]{0,1000}` is a thousand states), so counts are bounded, the text
 * matched is cut to its first REGEX_TEXT_MAX characters, and each answer is
 * kept for the next evaluation of the same page. RE2 has no lookaround and no
 * backreferences; such a pattern is refused when the rule is saved.
 */
export const REGEX_TEXT_MAX = 1_000;
/** The largest count one `{n,m}` may name, and all of a pattern's counts together. */
export const REGEX_COUNT_MAX = 20;
export const REGEX_COUNTS_TOTAL_MAX = 100;

const compiled = new Map<string, RE2JS | null>();
const answers = new Map<string, boolean>();
const CACHE_MAX = 5_000;

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, value);
  return value;
}

/** Why the pattern is refused (RE2's own words, or counts too large), or null when it may be used. */
export function regexProblem(pattern: string): string | null {
  try {
    // Without the case flag, which the message would show as a `(?i)` the admin never wrote.
    RE2JS.compile(pattern);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(/^error parsing regexp: /, '');
  }
  let total = 0;
  for (const [, from = '0', to] of pattern.matchAll(/(?<!\\)\{(\d+)(?:,(\d*))?\}/g)) {
    const count = Math.max(Number(from), Number(to || 0));
    if (count > REGEX_COUNT_MAX) return `repetition count over ${REGEX_COUNT_MAX}: {${from}${to === undefined ? '' : `,${to}`}}`;
    total += count;
  }
  return total > REGEX_COUNTS_TOTAL_MAX ? `repetition counts over ${REGEX_COUNTS_TOTAL_MAX} in all` : null;
}

/** Whether the pattern occurs anywhere in the text (its first REGEX_TEXT_MAX characters), ignoring case; a refused pattern matches nothing. */
export function regexMatches(pattern: string, text: string): boolean {
  const subject = text.slice(0, REGEX_TEXT_MAX);
  const key = `${pattern}\u0000${subject}`;
  const known = answers.get(key);
  if (known !== undefined) return known;
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = remember(compiled, pattern, regexProblem(pattern) === null ? RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE) : null);
  }
  return remember(answers, key, regex?.matcher(subject).find() ?? false);
}
