import type { CartTracked, Ga4Entry } from '@mostrador/shared';
import {
  asObject,
  GA4_BYTES_MAX,
  GA4_CART_EVENTS,
  GA4_ENTRIES_MAX,
  GA4_ENTRY_CHARS_MAX,
  GA4_KEYS,
  type Ga4CartEvent,
} from '@mostrador/shared/shop';

export interface DataLayerCartOptions {
  /** `object &` lets `window` through, which declares no `dataLayer`. */
  win: object & { dataLayer?: unknown };
  /** Resolves true once the server answered (it applied the entries, or never will); false keeps them for the next try. */
  send(tracked: CartTracked): Promise<boolean>;
  intervalMs?: number;
}

export interface DataLayerCart {
  stop(): void;
  /** Reads the entries pushed since the last read, and sends what the server has not answered yet. */
  poll(): void;
}

/**
 * Each dataLayer's id, for as long as the page keeps it: a widget restarted
 * on the same page sends its entries under the same id, and the server
 * applies none twice. A page that empties its array gets a new one.
 */
const pageIds = new WeakMap<object, string>();
const newPageId = () => Math.random().toString(36).slice(2, 12) + Date.now().toString(36);

/**
 * A GA4 e-commerce event of the cart, its `ecommerce` as JSON of only the
 * keys the server reads; null for any other entry, or one too long. GTM
 * pushes `{event, ecommerce}`; gtag pushes its `arguments` object,
 * `['event', name, params]`.
 */
function entryAt(raw: unknown, index: number): Ga4Entry | null {
  const fields = asObject(raw) ?? {};
  const [event, data] = fields[0] === 'event' ? [fields[1], fields[2]] : [fields.event, fields.ecommerce];
  try {
    const ecommerce = GA4_CART_EVENTS.includes(event as Ga4CartEvent) && asObject(data) && JSON.stringify(data, GA4_KEYS);
    return ecommerce && ecommerce.length <= GA4_ENTRY_CHARS_MAX ? { index, event: event as Ga4CartEvent, ecommerce } : null;
  } catch {
    // A value JSON cannot hold (a BigInt): no cart in it.
    return null;
  }
}

/**
 * Forwards the GA4 e-commerce events the shop already sends to Google, and
 * the server reads the cart out of them (`cart:tracked`). The dataLayer is
 * polled, never wrapped: other tags hook `push`. Each entry goes with its
 * page's id and its index, in order, and is kept until the server answers.
 */
export function createDataLayerCart({ win, send, intervalMs = 500 }: DataLayerCartOptions): DataLayerCart {
  let layer: unknown[] | null = null;
  let read = 0;
  let sending = false;
  const pending: [page: string, entry: Ga4Entry][] = [];

  const flush = async () => {
    if (sending || !pending[0]) return;
    const page = pending[0][0];
    const entries = pending
      .filter(([id]) => id === page)
      .slice(0, GA4_ENTRIES_MAX)
      .map(([, entry]) => entry);
    // Measured as it travels, escaped and in UTF-8. One entry too big alone is sent anyway: refused, it is let go.
    while (entries.length > 1 && new Blob([JSON.stringify({ page, entries })]).size > GA4_BYTES_MAX) entries.pop();
    sending = true;
    const answered = await send({ page, entries });
    sending = false;
    if (answered) {
      pending.splice(0, entries.length);
      void flush();
    }
  };

  const poll = () => {
    const current = win.dataLayer;
    if (Array.isArray(current)) {
      // A shorter array than we read was emptied by the page: its indexes start over, under a new id.
      if (!pageIds.has(current) || (current === layer && current.length < read)) pageIds.set(current, newPageId());
      // A new array, or that one, is read from the start.
      if (current !== layer || current.length < read) read = 0;
      layer = current;
      const page = pageIds.get(current)!;
      for (; read < current.length; read += 1) {
        const entry = entryAt(current[read], read);
        if (entry) pending.push([page, entry]);
      }
    }
    void flush();
  };

  poll();
  const timer = setInterval(poll, intervalMs);
  return {
    poll,
    stop: () => {
      clearInterval(timer);
      pending.length = 0;
    },
  };
}
