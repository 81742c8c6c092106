import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryBackend } from '../chat/testSession.ts';
import type { KeyValueStore } from '../chat/visitorStorage.ts';
import { CHIME_HOLD_MS, chime, HIDDEN_TAB_GRACE_MS } from './chime.ts';
import { isMuted, setMuted } from './soundSetting.ts';

/** Web Locks as the browser keeps them: one holder per name across every tab of the origin. */
function lockManager() {
  const held = new Set<string>();
  return {
    async request(name: string, _options: { ifAvailable: boolean }, callback: (lock: { name: string } | null) => Promise<unknown>) {
      if (held.has(name)) return callback(null);
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
  };
}

/** A tab of the shop: its own AudioContext (counting the notes it starts), the shared storage and locks. */
function tab(options: { hidden?: boolean; touched?: boolean; locks?: ReturnType<typeof lockManager> | undefined }) {
  const notes: { frequencies: number[]; stopAt: number }[] = [];
  class FakeAudioContext {
    state = 'running';
    currentTime = 0;
    destination = {};
    resume = vi.fn();
    createOscillator() {
      const note = { frequencies: [] as number[], stopAt: 0 };
      return {
        type: '',
        frequency: { setValueAtTime: (value: number) => note.frequencies.push(value) },
        connect: (node: unknown) => node,
        start: () => notes.push(note),
        stop: (at: number) => (note.stopAt = at),
      };
    }
    createGain() {
      const ramp = () => {};
      return { gain: { setValueAtTime: ramp, exponentialRampToValueAtTime: ramp }, connect: (node: unknown) => node };
    }
  }
  const doc = { hidden: options.hidden ?? false } as { hidden: boolean; defaultView?: unknown };
  doc.defaultView = {
    localStorage: storage,
    navigator: { userActivation: { hasBeenActive: options.touched ?? true }, locks: options.locks },
    AudioContext: FakeAudioContext,
  };
  return { doc: doc as unknown as Document, notes };
}

const KEY = 'mostrador:site_1';
let storage: KeyValueStore;
const hear = (doc: Document, seq = 4) => chime(KEY, 'cnv_1', seq, doc);

beforeEach(() => {
  storage = memoryBackend();
  vi.useFakeTimers();
});

afterEach(() => vi.useRealTimers());

describe('the new-message sound', () => {
  it('plays one short tone, two notes within half a second', async () => {
    const one = tab({ locks: lockManager() });
    const played = hear(one.doc);
    await vi.advanceTimersByTimeAsync(CHIME_HOLD_MS);
    expect(await played).toBe(true);
    expect(one.notes).toHaveLength(1);
    expect(one.notes[0]!.frequencies).toEqual([660, 990]);
    expect(one.notes[0]!.stopAt).toBeLessThan(0.5);
  });

  it('plays in one tab when two hear the same message at once, and not again in a tab that hears it late', async () => {
    const locks = lockManager();
    const [a, b, late] = [tab({ locks }), tab({ locks }), tab({ locks })];
    const both = Promise.all([hear(a.doc), hear(b.doc)]);
    await vi.advanceTimersByTimeAsync(CHIME_HOLD_MS);
    expect(await both).toEqual([true, false]);
    const again = hear(late.doc);
    await vi.advanceTimersByTimeAsync(CHIME_HOLD_MS);
    expect(await again).toBe(false);
    expect([a.notes.length, b.notes.length, late.notes.length]).toEqual([1, 0, 0]);
  });

  it('lets a visible tab play before a hidden one that heard the message first', async () => {
    const locks = lockManager();
    const hidden = tab({ locks, hidden: true });
    const visible = tab({ locks });
    const first = hear(hidden.doc);
    const second = hear(visible.doc);
    await vi.advanceTimersByTimeAsync(HIDDEN_TAB_GRACE_MS + CHIME_HOLD_MS);
    expect([await first, await second]).toEqual([false, true]);
    expect(hidden.notes).toHaveLength(0);
  });

  it('plays in a hidden tab when no visible tab takes it: the shopper is on another site', async () => {
    const hidden = tab({ locks: lockManager(), hidden: true });
    const played = hear(hidden.doc);
    await vi.advanceTimersByTimeAsync(HIDDEN_TAB_GRACE_MS + CHIME_HOLD_MS);
    expect(await played).toBe(true);
  });

  it('stays silent while the shopper has muted it, in every tab, and plays again once unmuted', async () => {
    const one = tab({ locks: lockManager() });
    setMuted(storage, KEY, true);
    expect(isMuted(storage, KEY)).toBe(true);
    expect(await hear(one.doc, 4)).toBe(false);
    setMuted(storage, KEY, false);
    const played = hear(one.doc, 5);
    await vi.advanceTimersByTimeAsync(CHIME_HOLD_MS);
    expect(await played).toBe(true);
    expect(one.notes).toHaveLength(1);
  });

  it('leaves the sound to a tab the shopper has used: an untouched one may not play, and does not claim it', async () => {
    const locks = lockManager();
    const untouched = tab({ locks, touched: false });
    const used = tab({ locks });
    expect(await hear(untouched.doc)).toBe(false);
    const played = hear(used.doc);
    await vi.advanceTimersByTimeAsync(CHIME_HOLD_MS);
    expect(await played).toBe(true);
  });

  it('without Web Locks, lets the stored message decide: a second tab hearing it later stays silent', async () => {
    const [a, b] = [tab({ locks: undefined }), tab({ locks: undefined })];
    expect(await hear(a.doc)).toBe(true);
    expect(await hear(b.doc)).toBe(false);
    expect(await hear(b.doc, 5)).toBe(true);
  });
});
