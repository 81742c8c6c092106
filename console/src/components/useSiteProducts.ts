import type { ProductCard } from '@mostrador/shared';
import { useEffect, useRef, useState } from 'preact/hooks';

/** The server searches from two characters (ProductSearch). */
export const SITE_SEARCH_MIN = 2;
/** Typing pauses this long before the shop is searched: one request per word, not per key. */
const SEARCH_DELAY_MS = 250;

export type SiteProducts = { phase: 'idle' } | { phase: 'searching' } | { phase: 'done'; query: string; products: readonly ProductCard[] };

/** The shop's products matching `query` as the agent types: searched after a pause, the answer to an older query dropped. */
export function useSiteProducts(search: ((query: string) => Promise<readonly ProductCard[]>) | undefined, query: string): SiteProducts {
  const [found, setFound] = useState<SiteProducts>({ phase: 'idle' });
  const wanted = query.trim();
  // The latest search function, without making a new one (each render's) a reason to search again.
  const searchRef = useRef(search);
  searchRef.current = search;
  const searchable = search !== undefined;
  useEffect(() => {
    const search = searchRef.current;
    if (!search || wanted.length < SITE_SEARCH_MIN) {
      setFound({ phase: 'idle' });
      return;
    }
    let current = true;
    setFound({ phase: 'searching' });
    const timer = setTimeout(() => {
      void search(wanted).then((products) => current && setFound({ phase: 'done', query: wanted, products }));
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [searchable, wanted]);
  return found;
}
