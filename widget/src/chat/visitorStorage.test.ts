import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OutboxItem } from './outboxItem.ts';
import { browserStorage, createVisitorStorage, storageKey, type KeyValueStore } from './visitorStorage.ts';

function memoryBackend(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

/** What a page finds when the shop's localStorage already holds `value` (as JSON) for site `s`. */
function readStored(value: unknown) {
  const backend = memoryBackend();
  backend.data.set(storageKey('s'), JSON.stringify(value));
  return createVisitorStorage('s', backend).read();
}

const saved = (backend: { data: Map<string, string> }, siteKey = 's'): unknown =>
  JSON.parse(backend.data.get(storageKey(siteKey)) ?? 'null');

const item: OutboxItem = { clientId: 'aaaaaaaa1', body: 'hola', createdAt: 5, status: 'sending' };

describe('visitor storage', () => {
  it('keeps each site under its own mostrador:<siteKey> key', () => {
    const backend = memoryBackend();
    createVisitorStorage('site_a', backend).update({ token: 'tok-a' });
    createVisitorStorage('site_b', backend).update({ token: 'tok-b' });
    expect([...backend.data.keys()]).toEqual(['mostrador:site_a', 'mostrador:site_b']);
    expect(createVisitorStorage('site_a', backend).read()).toEqual({ token: 'tok-a' });
    expect(saved(backend, 'site_b')).toEqual({ token: 'tok-b' });
  });

  it('reads nothing from an empty or missing entry', () => {
    const backend = memoryBackend();
    expect(createVisitorStorage('s', backend).read()).toEqual({});
    backend.data.set(storageKey('s'), '');
    expect(createVisitorStorage('s', backend).read()).toEqual({});
  });

  it('reads a well-formed entry back whole', () => {
    const stored = {
      token: 'tok',
      conversationId: 'cnv_1',
      outbox: [{ ...item, trigger: 'fir_1' }],
      department: 'sales',
      picked: 'support',
    };
    expect(readStored(stored)).toEqual(stored);
  });

  it('ignores JSON that is not an object, and text that is not JSON', () => {
    for (const value of [42, 'tok', null, true]) expect(readStored(value)).toEqual({});
    const backend = memoryBackend();
    backend.data.set(storageKey('s'), '{"token":"tok"');
    expect(createVisitorStorage('s', backend).read()).toEqual({});
  });

  it('drops a token or a department that is empty or not a string', () => {
    expect(readStored({ token: '', department: '', picked: '' })).toEqual({});
    expect(readStored({ token: 7, department: 3, picked: { slug: 'x' } })).toEqual({});
    expect(readStored({ token: 'tok', unknown: 'kept?' })).toEqual({ token: 'tok' });
  });

  it('keeps a null conversation id (none open) apart from a missing one, and drops any other kind', () => {
    expect(readStored({ conversationId: null })).toEqual({ conversationId: null });
    expect(readStored({ conversationId: 'cnv_1' })).toEqual({ conversationId: 'cnv_1' });
    expect(readStored({ conversationId: 12 })).toEqual({});
    expect(readStored({})).toEqual({});
  });

  it('keeps an outbox only when it is a list (the outbox checks its items: see outbox.test.ts)', () => {
    expect(readStored({ outbox: [item] }).outbox).toEqual([item]);
    expect(readStored({ outbox: { 0: item } })).toEqual({});
  });

  it('updates read-modify-write, keeping what another page wrote meanwhile', () => {
    const backend = memoryBackend();
    const thisTab = createVisitorStorage('s', backend);
    const otherTab = createVisitorStorage('s', backend);
    thisTab.update({ token: 'tok' });
    otherTab.update({ department: 'sales' });
    thisTab.update({ conversationId: 'cnv_1' });
    expect(saved(backend)).toEqual({ token: 'tok', department: 'sales', conversationId: 'cnv_1' });
    expect(otherTab.read()).toEqual({ token: 'tok', department: 'sales', conversationId: 'cnv_1' });
  });

  it('forgets a field updated to undefined, and stores no undefined key', () => {
    const backend = memoryBackend();
    const storage = createVisitorStorage('s', backend);
    storage.update({ token: 'tok', picked: 'sales', conversationId: 'cnv_1' });
    storage.update({ token: undefined, picked: undefined, conversationId: null });
    expect(storage.read()).toEqual({ conversationId: null });
    expect(backend.data.get(storageKey('s'))).toBe('{"conversationId":null}');
  });

  it('forgets a field in memory too when there is no storage: the key is gone, not undefined', () => {
    const storage = createVisitorStorage('s', null);
    storage.update({ token: 'tok', picked: 'sales' });
    storage.update({ picked: undefined });
    expect(Object.keys(storage.read())).toEqual(['token']);
  });

  it('hands out copies: changing what read() returned changes nothing stored', () => {
    const storage = createVisitorStorage('s', null);
    storage.update({ token: 'tok' });
    const copy = storage.read();
    copy.token = 'changed';
    copy.department = 'sales';
    expect(storage.read()).toEqual({ token: 'tok' });
  });

  it('works in memory for this page view without storage', () => {
    const storage = createVisitorStorage('s', null);
    expect(storage.read()).toEqual({});
    storage.update({ token: 'tok', outbox: [item] });
    storage.update({ conversationId: 'cnv_1' });
    expect(storage.read()).toEqual({ token: 'tok', outbox: [item], conversationId: 'cnv_1' });
  });

  it('keeps serving the last known data in memory when storage starts throwing', () => {
    const backend = memoryBackend();
    let denied = false;
    const flaky: KeyValueStore = {
      getItem: (k) => {
        if (denied) throw new Error('SecurityError');
        return backend.getItem(k);
      },
      setItem: (k, v) => {
        if (denied) throw new Error('QuotaExceededError');
        backend.setItem(k, v);
      },
    };
    const storage = createVisitorStorage('s', flaky);
    storage.update({ token: 'tok' });
    denied = true;
    expect(storage.read()).toEqual({ token: 'tok' });
    storage.update({ conversationId: 'cnv_1' });
    expect(storage.read()).toEqual({ token: 'tok', conversationId: 'cnv_1' });
    // Nothing reached the real storage while it refused.
    expect(saved(backend)).toEqual({ token: 'tok' });
  });

  it('a write that fails still serves this page, and the next successful read wins', () => {
    const backend = memoryBackend();
    const refusing: KeyValueStore = {
      getItem: (k) => backend.getItem(k),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const storage = createVisitorStorage('s', refusing);
    expect(() => storage.update({ token: 'tok' })).not.toThrow();
    // The backend still answers reads, and it holds nothing: the stored truth wins over the memory copy.
    expect(storage.read()).toEqual({});
    backend.data.set(storageKey('s'), JSON.stringify({ token: 'from-another-tab' }));
    expect(storage.read()).toEqual({ token: 'from-another-tab' });
  });
});

describe('browserStorage', () => {
  afterEach(() => vi.restoreAllMocks());

  it("is the window's localStorage or sessionStorage", () => {
    expect(browserStorage('localStorage')).toBe(window.localStorage);
    expect(browserStorage('sessionStorage')).toBe(window.sessionStorage);
  });

  it('is null where touching storage throws (sandboxed frames, blocked cookies)', () => {
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(browserStorage('localStorage')).toBeNull();
    expect(browserStorage('sessionStorage')).toBe(window.sessionStorage);
  });
});
