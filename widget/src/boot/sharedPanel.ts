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

/** Whether `last` (a counted message) already covers this one: the same conversation, at or past its seq. */
function alreadyCounted(last: [string, number], conversationId: string, seq: number): boolean {
  return last[0] === conversationId && last[1] >= seq;
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
  // The last agent message another tab said it counted. Tabs are separate processes and localStorage
  // reaches them late, so a tab that hears the count on the channel before its own socket delivers the
  // message would count it again: the channel's word is kept here and consulted with the stored one.
  let countedElsewhere: [string, number] | undefined;
  let countedHere: [string, number] | undefined;
  const heard = (counted: [string, number] | undefined) => {
    if (counted)
      countedElsewhere = countedElsewhere && alreadyCounted(countedElsewhere, counted[0], counted[1]) ? countedElsewhere : counted;
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
  if (channel)
    channel.onmessage = (event: MessageEvent<SharedRecord>) => {
      heard(event.data.counted);
      apply(event.data);
    };
  else
    win?.addEventListener('storage', (event) => {
      const record = event.key === key ? parse(event.newValue) : null;
      heard(record?.counted);
      if (record) apply(record);
    });
  panel.store.subscribe((view) => {
    if (applying) return;
    const { open, unread, draft } = view;
    write({ ...read(), open, unread, draft });
    channel?.postMessage({ open, unread, draft, counted: countedHere });
    countedHere = undefined;
  });

  return {
    firstToCount(conversationId, seq) {
      const record = read();
      for (const last of [record?.counted, countedElsewhere]) if (last && alreadyCounted(last, conversationId, seq)) return false;
      const view = panel.store.get();
      countedHere = [conversationId, seq];
      write({ ...view, ...record, counted: countedHere });
      return true;
    },
  };
}
