import type { KeyValueStore } from '../chat/visitorStorage.ts';

/** The shop's localStorage, or null where the page may not use it (sandboxed frames, some privacy modes). */
export function shopStorage(win: Window | null): KeyValueStore | null {
  try {
    return win?.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Where the shopper's mute is kept: `mostrador:<siteKey>:sound`, "off" when muted, for every page and tab of the shop. */
const muteKey = (key: string) => `${key}:sound`;

export function isMuted(storage: KeyValueStore | null, key: string): boolean {
  try {
    return storage?.getItem(muteKey(key)) === 'off';
  } catch {
    return false;
  }
}

export function setMuted(storage: KeyValueStore | null, key: string, muted: boolean): void {
  try {
    storage?.setItem(muteKey(key), muted ? 'off' : 'on');
  } catch {
    // Private mode or quota: muted for this page only (the panel keeps its own state).
  }
}
