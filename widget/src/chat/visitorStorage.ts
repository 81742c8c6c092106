import type { Branding } from '@mostrador/shared';
import type { OutboxItem } from './outboxItem.ts';

/**
 * What survives navigation and reload, in the shop's localStorage under
 * `mostrador:<siteKey>`: the visitor token, the open conversation's id, the
 * messages not yet acknowledged and the department a new chat goes to.
 */
export interface StoredVisitor {
  token?: string;
  conversationId?: string | null;
  outbox?: OutboxItem[];
  /** Set by the shop (`Mostrador('setDepartment', slug)`); kept until the shop changes it. */
  department?: string;
  /** Picked by the visitor; only until a conversation opens with it, so the next chat asks again. */
  picked?: string;
  /** The shop's look as last received, applied on the next page before the handshake (boot/look.ts checks it). */
  look?: Branding;
}

export interface VisitorStorage {
  read(): StoredVisitor;
  /** Read-modify-write, so fields written by other code paths are kept. */
  update(change: Partial<StoredVisitor>): void;
}

/** The subset of `Storage` we use, so tests can pass a Map-backed fake. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/** The shop's localStorage as the widget boots with it, which also removes what earlier widgets left there. */
export type ShopStorage = KeyValueStore & Pick<Storage, 'removeItem'>;

export function storageKey(siteKey: string): string {
  return `mostrador:${siteKey}`;
}

/** The site key back from its storage key: the panel chunk is handed the one, and the file routes need the other. */
export function siteKeyOf(key: string): string {
  return key.slice(storageKey('').length);
}

/** Whatever is stored may be old, foreign or hand-edited: keep only what has the right shape. */
function parse(raw: string | null): StoredVisitor {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return {};
    const record = value as Record<string, unknown>;
    const stored: StoredVisitor = {};
    if (typeof record.token === 'string' && record.token) stored.token = record.token;
    if (typeof record.conversationId === 'string' || record.conversationId === null) {
      stored.conversationId = record.conversationId;
    }
    // Item by item, the outbox checks them (chat/outbox.ts, in the panel chunk): before the chat runs only their count matters.
    if (Array.isArray(record.outbox)) stored.outbox = record.outbox as OutboxItem[];
    // Checked where it is used (boot/look.ts): anything without the words of a look is ignored there.
    stored.look = record.look as Branding | undefined;
    for (const key of ['department', 'picked'] as const) {
      const slug = record[key];
      if (typeof slug === 'string' && slug) stored[key] = slug;
    }
    return stored;
  } catch {
    return {};
  }
}

/**
 * Storage may be missing or throw (privacy modes, sandboxed frames, quota).
 * Then we keep the same data in memory: the chat works for this page view.
 */
export function createVisitorStorage(siteKey: string, backend: KeyValueStore | null): VisitorStorage {
  const key = storageKey(siteKey);
  let memory: StoredVisitor = {};
  const read = (): StoredVisitor => {
    try {
      if (backend) memory = parse(backend.getItem(key));
    } catch {
      // Keep the in-memory copy.
    }
    return { ...memory };
  };
  return {
    read,
    update(change) {
      const next = { ...read(), ...change };
      // `undefined` means "forget": drop the key, as JSON would.
      for (const key of Object.keys(next) as (keyof StoredVisitor)[]) if (next[key] === undefined) delete next[key];
      memory = next;
      try {
        backend?.setItem(key, JSON.stringify(next));
      } catch {
        // Quota or access errors: the in-memory copy still serves this page.
      }
    },
  };
}

/** `window.localStorage` (or sessionStorage), or null where even touching it throws. */
export function browserStorage(kind: 'localStorage' | 'sessionStorage'): ShopStorage | null {
  try {
    return window[kind];
  } catch {
    return null;
  }
}
