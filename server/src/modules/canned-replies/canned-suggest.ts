import { foldTerm } from '../search/index.ts';

/** How many suggestions the console shows. */
export const MAX_SUGGESTIONS = 3;
/** How many of the site's latest uses the usage score reads. */
export const RECENT_USES = 500;

/** One reply as the scorer sees it: its words in the visitor's language. */
export interface SuggestCandidate {
  id: string;
  shortcut: string;
  /** Title, shortcut and the body in the visitor's language, joined. */
  text: string;
}

/** A past use: which reply answered which visitor message. */
export interface PastUse {
  replyId: string;
  visitorText: string;
}

/** The folded words of a text, as the full-text index splits them; one-letter words are left out. */
export function termsOf(text: string): Set<string> {
  const words = foldTerm(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((word) => word.length >= 2));
}

/** Shared words over all words (Jaccard); 0 when either side has none. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Ranks replies for a visitor's message. Text match: each of the message's words found in a reply adds
 * ln(1 + N / n), N replies and n of them holding the word, so a rare word counts more than a common one.
 * Usage: each past use of a reply adds the similarity between its visitor message and this one. The score
 * is the sum; replies scoring 0 are left out; ties go to the shortcut, then the id, so the answer is stable.
 */
export function rankSuggestions(
  message: string,
  candidates: readonly SuggestCandidate[],
  uses: readonly PastUse[],
  limit = MAX_SUGGESTIONS,
): Array<{ id: string; score: number }> {
  const query = termsOf(message);
  if (query.size === 0) return [];
  const docs = candidates.map((candidate) => ({ candidate, terms: termsOf(candidate.text) }));
  const idf = new Map<string, number>();
  for (const word of query) {
    const holding = docs.filter((doc) => doc.terms.has(word)).length;
    if (holding > 0) idf.set(word, Math.log(1 + docs.length / holding));
  }
  const usage = new Map<string, number>();
  for (const use of uses) {
    const score = similarity(query, termsOf(use.visitorText));
    if (score > 0) usage.set(use.replyId, (usage.get(use.replyId) ?? 0) + score);
  }
  return docs
    .map(({ candidate, terms }) => {
      let text = 0;
      for (const [word, weight] of idf) if (terms.has(word)) text += weight;
      return { candidate, score: text + (usage.get(candidate.id) ?? 0) };
    })
    .filter((entry) => entry.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.candidate.shortcut.localeCompare(b.candidate.shortcut) ||
        (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0),
    )
    .slice(0, limit)
    .map((entry) => ({ id: entry.candidate.id, score: entry.score }));
}
