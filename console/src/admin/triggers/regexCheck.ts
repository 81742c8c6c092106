/**
 * Why a rule's regular expression would be refused. The server runs rules
 * on RE2 (`@mostrador/shared/triggers/patterns`: no lookaround, no
 * backreferences); its engine is 46 KB gzip, so it comes as a chunk of its
 * own, asked for by the triggers page. Until it has come, JavaScript's own
 * parser answers for syntax, and the server still refuses what RE2 cannot run.
 */
let re2Problem: ((pattern: string) => string | null) | null = null;

export async function loadRegexCheck(): Promise<void> {
  ({ regexProblem: re2Problem } = await import('@mostrador/shared/triggers/patterns'));
}

export function regexProblemOf(pattern: string): string | null {
  if (re2Problem) return re2Problem(pattern);
  try {
    new RegExp(pattern, 'i');
    return null;
  } catch (error) {
    // "Invalid regular expression: /(/i: Unterminated group": the last part is what went wrong.
    return error instanceof Error ? (error.message.split(': ').at(-1) ?? error.message) : String(error);
  }
}
