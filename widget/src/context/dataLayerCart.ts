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
import type { KeyValueStore } from '../chat/visitorStorage.ts';

export interface DataLayerCartOptions {
  /** `object &` lets `window` through, which declares no `dataLayer`. */
  win: object & { dataLayer?: unknown };
  /** Resolves true once the server answered (it applied the entries, or never will); false keeps them for the next try. */
  send(tracked: CartTracked): Promise<boolean>;
  /** The shop's localStorage, where the entries not yet answered wait under `key` for the next page load; null: this page only. */
  storage?: KeyValueStore | null;
  key?: string;
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

/** An entry and its page load's id: what waits for the server's answer. */
type Pending = [page: string, entry: Ga4Entry];

/** Entries kept while the widget cannot send (offline, say): the newest this many. */
export const PENDING_MAX = 50;
/** And at most this many characters of JSON, of the ~5 million a shop's origin may store. */
export const PENDING_CHARS_MAX = 100_000;

const same =
  ([page, { index }]: Pending) =>
  ([other, entry]: Pending) =>
    other === page && entry.index === index;

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
 * page's id and its index, in order, and is kept until the server answers:
 * in `storage` too, so an entry pushed while the socket connects, or just
 * before the shopper leaves the page, is sent from the next page load.
 */
export function createDataLayerCart({ win, send, storage, key = '', intervalMs = 500 }: DataLayerCartOptions): DataLayerCart {
  let layer: unknown[] | null = null;
  let read = 0;
  let sending = false;
  // The queue is the stored list, read afresh each time: the shop's other tabs add to it and drop what was answered.
  let queue: Pending[] = [];
  // This page's ids: what `stop` lets go, leaving the entries of the shop's other tabs to them.
  const mine = new Set<string>();
  const load = () => {
    try {
      const stored: unknown = JSON.parse(storage?.getItem(key) ?? '0');
      // Hand-edited or foreign: what is not a pair is dropped; the server refuses a batch it cannot read.
      if (Array.isArray(stored)) queue = stored.filter(Array.isArray) as Pending[];
    } catch {
      // Blocked, or not JSON: the queue in memory.
    }
    return queue;
  };
  const save = (next: Pending[]) => {
    queue = next.slice(-PENDING_MAX);
    let json = JSON.stringify(queue);
    // The oldest go first.
    while (json.length > PENDING_CHARS_MAX) json = JSON.stringify((queue = queue.slice(1)));
    try {
      storage?.setItem(key, json);
    } catch {
      // Full or blocked: from now on this page keeps its queue in memory.
      storage = null;
    }
  };

  const flush = async () => {
    const first = load()[0];
    if (sending || !first) return;
    const page = first[0];
    const batch = queue.filter(([id]) => id === page).slice(0, GA4_ENTRIES_MAX);
    const tracked = () => ({ page, entries: batch.map(([, entry]) => entry) });
    // Measured as it travels, escaped and in UTF-8. One entry too big alone is sent anyway: refused, it is let go.
    while (batch[1] && new Blob([JSON.stringify(tracked())]).size > GA4_BYTES_MAX) batch.pop();
    sending = true;
    const answered = await send(tracked());
    sending = false;
    if (answered) {
      save(load().filter((item) => !batch.some(same(item))));
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
      mine.add(page);
      const fresh: Pending[] = [];
      for (; read < current.length; read += 1) {
        const entry = entryAt(current[read], read);
        const item: Pending | null = entry && [page, entry];
        // A widget restarted on the page reads again what it had stored.
        if (item && !load().some(same(item))) fresh.push(item);
      }
      if (fresh[0]) save([...queue, ...fresh]);
    }
    void flush();
  };

  poll();
  const timer = setInterval(poll, intervalMs);
  return {
    poll,
    stop: () => {
      clearInterval(timer);
      // The shop's own cart wins (`setCart`) on this page: its events waiting are let go.
      save(load().filter(([page]) => !mine.has(page)));
    },
  };
}
