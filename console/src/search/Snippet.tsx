import { HIGHLIGHT_END, HIGHLIGHT_START } from '@mostrador/shared/search';

/** A snippet with its matched words in <mark>: split on the server's marker characters, never parsed as HTML. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(HIGHLIGHT_START).flatMap((chunk, index) => {
    if (index === 0) return [{ text: chunk, marked: false }];
    const [marked = '', rest = ''] = chunk.split(HIGHLIGHT_END);
    return [
      { text: marked, marked: true },
      { text: rest, marked: false },
    ];
  });
  return <span class="search-snippet">{parts.map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : part.text))}</span>;
}
