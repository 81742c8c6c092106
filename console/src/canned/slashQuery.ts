import type { CannedReply } from '@mostrador/shared';

/** A `/word` being typed: where the slash is, and the word so far. */
export interface SlashQuery {
  start: number;
  query: string;
}

/** The `/…` just before the caret, at the start of the text or after a space; otherwise null. */
export function slashQueryAt(text: string, caret: number): SlashQuery | null {
  const match = /(^|\s)\/([\p{L}\p{N}_-]*)$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]!.toLowerCase() };
}

/** Shortcuts that start with the query first, then those whose shortcut or title contains it. */
export function matchReplies(replies: readonly CannedReply[], query: string): CannedReply[] {
  const fold = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const q = fold(query);
  const starts = replies.filter((r) => fold(r.shortcut).startsWith(q));
  const contains = replies.filter((r) => !starts.includes(r) && (fold(r.shortcut).includes(q) || fold(r.title).includes(q)));
  return [...starts, ...contains];
}
