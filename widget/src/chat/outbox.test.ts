import { describe, expect, it } from 'vitest';
import { createOutbox, type OutboxItem } from './outbox.ts';
import { createVisitorStorage, storageKey, type KeyValueStore } from './visitorStorage.ts';

function memoryBackend(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const item = (clientId: string, body = clientId): OutboxItem => ({
  clientId,
  body,
  createdAt: 1,
  status: 'sending',
});

describe('outbox', () => {
  it('persists items under mostrador:<siteKey>, next to the token', () => {
    const backend = memoryBackend();
    const storage = createVisitorStorage('site_abc', backend);
    storage.update({ token: 'tok' });
    createOutbox(storage).add(item('aaaaaaaa1'));
    const saved = JSON.parse(backend.data.get(storageKey('site_abc')) ?? '{}');
    expect(saved.token).toBe('tok');
    expect(saved.outbox.map((i: OutboxItem) => i.clientId)).toEqual(['aaaaaaaa1']);
  });

  it('survives a reload with order and status intact', () => {
    const backend = memoryBackend();
    const before = createOutbox(createVisitorStorage('s', backend));
    before.add(item('aaaaaaaa1'));
    before.add(item('aaaaaaaa2'));
    before.add(item('aaaaaaaa3'));
    before.markFailed('aaaaaaaa2', 'nope');
    const after = createOutbox(createVisitorStorage('s', backend));
    expect(after.items.map((i) => [i.clientId, i.status])).toEqual([
      ['aaaaaaaa1', 'sending'],
      ['aaaaaaaa2', 'failed'],
      ['aaaaaaaa3', 'sending'],
    ]);
    expect(after.items[1]?.error).toBe('nope');
  });

  it('offers items oldest first, skipping failed ones until retried', () => {
    const outbox = createOutbox(createVisitorStorage('s', memoryBackend()));
    outbox.add(item('aaaaaaaa1'));
    outbox.add(item('aaaaaaaa2'));
    outbox.markFailed('aaaaaaaa1', 'refused');
    expect(outbox.next()?.clientId).toBe('aaaaaaaa2');
    outbox.markSending('aaaaaaaa1');
    expect(outbox.next()?.clientId).toBe('aaaaaaaa1');
    expect(outbox.items[0]?.error).toBeUndefined();
  });

  it('drops acknowledged items and persists the removal', () => {
    const backend = memoryBackend();
    const outbox = createOutbox(createVisitorStorage('s', backend));
    outbox.add(item('aaaaaaaa1'));
    outbox.add(item('aaaaaaaa2'));
    expect(outbox.remove(new Set(['aaaaaaaa1']))).toBe(true);
    expect(outbox.remove(new Set(['unknown-id']))).toBe(false);
    expect(createOutbox(createVisitorStorage('s', backend)).items.map((i) => i.clientId)).toEqual(['aaaaaaaa2']);
  });

  it('ignores corrupt storage and keeps working in memory when storage throws', () => {
    const corrupt = memoryBackend();
    corrupt.data.set(storageKey('s'), '{not json');
    expect(createOutbox(createVisitorStorage('s', corrupt)).items).toEqual([]);

    const throwing: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const outbox = createOutbox(createVisitorStorage('s', throwing));
    outbox.add(item('aaaaaaaa1'));
    expect(outbox.items).toHaveLength(1);
  });

  it('keeps only the stored items with the right shape, in order, and forgets the rest so no page counts them', () => {
    const good = [item('aaaaaaaa1'), { ...item('aaaaaaaa2'), status: 'failed', trigger: 'fir_1' }];
    const bad: unknown[] = [
      null,
      'aaaaaaaa3',
      { ...item('x'), clientId: 3 },
      { ...item('x'), body: null },
      { ...item('x'), createdAt: '5' },
      { ...item('x'), status: 'sent' },
      { ...item('x'), trigger: 9 },
    ];
    const backend = memoryBackend();
    backend.setItem(storageKey('s'), JSON.stringify({ token: 'tok', outbox: [bad[0], good[0], ...bad.slice(1), good[1]] }));
    const storage = createVisitorStorage('s', backend);
    expect(createOutbox(storage).items).toEqual(good);
    expect(storage.read()).toEqual({ token: 'tok', outbox: good });
  });
});
