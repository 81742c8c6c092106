import type { KeyValueStore } from '../chat/visitorStorage.ts';
import type { PanelState, PanelView } from '../ui/panelState.ts';

/** What follows the shopper across pages and tabs of one shop, stored under `mostrador:<siteKey>:panel`. */
interface SharedRecord extends PanelView {
  /** The last agent message counted in `unread` (conversation id, seq): each tab hears it; one counts it. */
  counted?: [string, number];
}

function parse(raw: string | null): SharedRecord | null {
  try {
    const value = raw ? (JSON.parse(raw) as Partial<SharedRecord>) : null;
    if (!value || typeof value.open !== 'boolean' || typeof value.unread !== 'number' || typeof value.draft !== 'string') return null;
    return {
      open: value.open,
      unread: value.unread,
      draft: value.draft,
      counted: Array.isArray(value.counted) ? value.counted : undefined,
    };
  } catch {
    return null;
  }
}

export interface SharedPanel {
  /** True for the first tab to hear of this agent message, which then counts it; the others hear the count. */
  firstToCount(conversationId: string, seq: number): boolean;
}

/**
 * Makes the panel's state (open or closed, unread count, draft) the
 * shopper's, not the page's: kept in localStorage across page changes and
 * reloads, and told to the shop's other open tabs on a BroadcastChannel (or,
 * without one, by the `storage` event, which other tabs get too).
 */
export function sharePanelState(
  panel: PanelState,
  key: string,
  storage: KeyValueStore | null,
  win: (Window & typeof globalThis) | undefined,
): SharedPanel {
  const read = (): SharedRecord | null => {
    try {
      return parse(storage?.getItem(key) ?? null);
    } catch {
      return null;
    }
  };
  const write = (record: SharedRecord) => {
    try {
      storage?.setItem(key, JSON.stringify(record));
    } catch {
      // Private mode or quota: this page keeps its own state.
    }
  };
  let applying = false;
  const apply = (view: PanelView) => {
    applying = true;
    panel.store.update((current) =>
      current.open === view.open && current.unread === view.unread && current.draft === view.draft
        ? current
        : { open: view.open, unread: view.unread, draft: view.draft },
    );
    applying = false;
  };
  const stored = read();
  if (stored) apply(stored);

  const channel = typeof win?.BroadcastChannel === 'function' ? new win.BroadcastChannel(key) : null;
  if (channel) channel.onmessage = (event: MessageEvent<PanelView>) => apply(event.data);
  else
    win?.addEventListener('storage', (event) => {
      const record = event.key === key ? parse(event.newValue) : null;
      if (record) apply(record);
    });
  panel.store.subscribe((view) => {
    if (applying) return;
    const { open, unread, draft } = view;
    write({ ...read(), open, unread, draft });
    channel?.postMessage({ open, unread, draft });
  });

  return {
    firstToCount(conversationId, seq) {
      const record = read();
      const last = record?.counted;
      if (last && last[0] === conversationId && last[1] >= seq) return false;
      const view = panel.store.get();
      write({ ...view, ...record, counted: [conversationId, seq] });
      return true;
    },
  };
}
