import { isOutboxItem, type OutboxItem } from './outboxItem.ts';
import type { VisitorStorage } from './visitorStorage.ts';

export type { OutboxItem } from './outboxItem.ts';

/**
 * Messages the server has not acknowledged yet. Persisted, so a message typed
 * just before a navigation or a network drop is sent on the next connection,
 * with the same clientId: the server stores a resend only once.
 */
export interface Outbox {
  readonly items: readonly OutboxItem[];
  add(item: OutboxItem): void;
  remove(clientIds: ReadonlySet<string>): boolean;
  markFailed(clientId: string, error: string): void;
  markSending(clientId: string): void;
  /** The oldest item waiting to be sent; items go one at a time, in order. */
  next(): OutboxItem | undefined;
}

export function createOutbox(storage: VisitorStorage): Outbox {
  const stored = storage.read().outbox ?? [];
  let items: readonly OutboxItem[] = stored.filter(isOutboxItem);
  const save = (next: readonly OutboxItem[]) => {
    items = next;
    storage.update({ outbox: [...next] });
  };
  // What was not an item goes, so the next page does not count it as a message still to send.
  if (items.length < stored.length) save(items);
  const replace = (clientId: string, change: (item: OutboxItem) => OutboxItem) =>
    save(items.map((item) => (item.clientId === clientId ? change(item) : item)));

  return {
    get items() {
      return items;
    },
    add: (item) => save([...items, item]),
    remove(clientIds) {
      const kept = items.filter((item) => !clientIds.has(item.clientId));
      if (kept.length === items.length) return false;
      save(kept);
      return true;
    },
    markFailed: (clientId, error) => replace(clientId, (item) => ({ ...item, status: 'failed', error })),
    markSending: (clientId) => replace(clientId, ({ error: _dropped, ...item }) => ({ ...item, status: 'sending' })),
    next: () => items.find((item) => item.status === 'sending'),
  };
}
