import type { PageMarkup } from '@mostrador/shared';
import {
  MARKUP_BLOCK_CHARS_MAX,
  MARKUP_BLOCKS_MAX,
  MARKUP_BYTES_MAX,
  MARKUP_META_CHARS_MAX,
  MARKUP_META_MAX,
  MARKUP_META_NAME_MAX,
} from '@mostrador/shared/shop';

/** Keys the product parser never reads and that make blocks long: reviews, ratings and descriptions. */
const UNREAD = new Set(['review', 'reviews', 'aggregateRating', 'description']);

/**
 * One JSON-LD block, cut to what the server's parser reads: it takes the
 * first of every list (offers, variants, images) but `@graph` and `@type`,
 * and none of the long keys above. Null when it does not parse or is still
 * too long.
 */
function pruned(block: string): string | null {
  try {
    const json = JSON.stringify(JSON.parse(block), (key, value: unknown) =>
      UNREAD.has(key) ? undefined : Array.isArray(value) && key && key !== '@graph' && key !== '@type' ? value.slice(0, 1) : value,
    );
    return json.length <= MARKUP_BLOCK_CHARS_MAX ? json : null;
  } catch {
    // One broken block (a theme's trailing comma) must not hide the others.
    return null;
  }
}

/**
 * What the page says about its product, as written (see `PageMarkup`): the
 * server reads the product out of it. Only blocks that name a Product travel.
 */
export function readMarkup(doc: Document, url: string): PageMarkup {
  const jsonLd: string[] = [];
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const block = script.textContent ?? '';
    const kept = block.includes('Product') && pruned(block);
    if (kept && jsonLd.push(kept) >= MARKUP_BLOCKS_MAX) break;
  }
  const meta: PageMarkup['meta'] = {};
  for (const tag of doc.querySelectorAll('meta')) {
    const name = tag.getAttribute('property') ?? tag.getAttribute('name') ?? '';
    const content = tag.getAttribute('content');
    // The first of each `og:` or `product:` name, as the parser would read it.
    if (
      /^(og|product):/.test(name) &&
      content &&
      content.length <= MARKUP_META_CHARS_MAX &&
      name.length <= MARKUP_META_NAME_MAX &&
      !(name in meta)
    )
      meta[name] = content;
    if (Object.keys(meta).length >= MARKUP_META_MAX) break;
  }
  const markup: PageMarkup = doc.baseURI === url || !/^https?:/.test(doc.baseURI) ? { jsonLd, meta } : { jsonLd, meta, base: doc.baseURI };
  // Measured as it travels, escaped and in UTF-8: a page in a script of wide characters keeps what fits in a frame,
  // giving up the later blocks, then the meta tags, then the first block.
  const tooBig = () => new Blob([JSON.stringify(markup)]).size > MARKUP_BYTES_MAX;
  while (jsonLd.length > 1 && tooBig()) jsonLd.pop();
  if (tooBig()) markup.meta = {};
  if (tooBig()) jsonLd.pop();
  return markup;
}
