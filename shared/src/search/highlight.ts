/** Marks around a matched word in a search snippet: control characters, so the console wraps them in <mark> and never parses HTML. Zod-free, for the console. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';
