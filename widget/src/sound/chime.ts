import type { KeyValueStore } from '../chat/visitorStorage.ts';
import { isMuted, shopStorage } from './soundSetting.ts';

/** A hidden tab waits this long before it claims the sound, so a tab the shopper is looking at plays it first. */
export const HIDDEN_TAB_GRACE_MS = 400;
/** The sound's lock is held this long: a burst of messages in it plays once, and a tab that hears one late stays silent. */
export const CHIME_HOLD_MS = 1500;

const contexts = new WeakMap<Window, AudioContext>();
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two soft sine notes, a fifth apart, about a third of a second: generated, so there is no file to fetch or allow. */
export function playTone(win: Window & typeof globalThis): void {
  try {
    let context = contexts.get(win);
    if (!context) contexts.set(win, (context = new win.AudioContext()));
    // Created before the shopper touched this page, it starts suspended: a page they have used may resume it.
    if (context.state === 'suspended') void context.resume();
    const start = context.currentTime + 0.01;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.setValueAtTime(660, start);
    oscillator.frequency.setValueAtTime(990, start + 0.12);
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.32);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + 0.34);
  } catch {
    // No audio (none in this browser, or too many contexts) is no reason to fail the chat.
  }
}

function readPlayed(storage: KeyValueStore | null, key: string): [string, number] | null {
  try {
    const value = JSON.parse(storage?.getItem(key) ?? 'null') as unknown;
    return Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'number' ? [value[0], value[1]] : null;
  } catch {
    return null;
  }
}

/** The tab's claim on this message's sound: none if a tab already played it (or a later one of the same conversation). */
function claim(storage: KeyValueStore | null, key: string, [conversationId, seq]: [string, number]): boolean {
  const played = readPlayed(storage, key);
  if (played && played[0] === conversationId && played[1] >= seq) return false;
  try {
    storage?.setItem(key, JSON.stringify([conversationId, seq]));
  } catch {
    // Without storage the lock alone keeps it to one tab.
  }
  return true;
}

/**
 * Plays the new-message sound in one tab of the shop, whichever hears the
 * agent's message first among those that may: not while the shopper has
 * muted it, not in a tab they have never touched (browsers refuse sound
 * there), and a hidden tab only after a visible one had its chance. One tab
 * is elected with a Web Lock (`navigator.locks`, atomic across tabs),
 * held for CHIME_HOLD_MS, and the message played is kept in localStorage
 * for a tab that hears it later. Without Web Locks (an old browser, or a
 * page not served over HTTPS), the stored message alone decides, which two
 * tabs hearing it in the same instant may both pass. Answers whether this
 * tab played. `key` is `mostrador:<siteKey>`: the lock, the last message
 * played and the shopper's mute are named from it.
 */
export async function chime(key: string, conversationId: string, seq: number, doc: Document = document): Promise<boolean> {
  const win = doc.defaultView;
  const storage = shopStorage(win);
  const message: [string, number] = [conversationId, seq];
  if (!win || isMuted(storage, key)) return false;
  if (win.navigator.userActivation?.hasBeenActive === false) return false;
  if (doc.hidden) await wait(HIDDEN_TAB_GRACE_MS);
  const playedKey = `${key}:chimed`;
  const locks = win.navigator.locks as LockManager | undefined;
  if (!locks) return claim(storage, playedKey, message) && (playTone(win), true);
  return locks.request(`${key}:chime`, { ifAvailable: true }, async (lock) => {
    if (!lock || !claim(storage, playedKey, message)) return false;
    playTone(win);
    await wait(CHIME_HOLD_MS);
    return true;
  });
}
