import { describe, expect, it } from 'vitest';
import { createDepartmentChoice, departmentOf } from './departmentChoice.ts';
import { createVisitorStorage, storageKey, type KeyValueStore } from './visitorStorage.ts';

function memoryBackend(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('department choice', () => {
  it("persists the shop's department in the site's storage entry, so it survives navigation", () => {
    const backend = memoryBackend();
    const published: (string | null)[] = [];
    createDepartmentChoice(createVisitorStorage('site_1', backend), (d) => published.push(d)).setByShop('sales');
    expect(JSON.parse(backend.data.get(storageKey('site_1'))!)).toMatchObject({ department: 'sales' });
    // A new page view reads it back.
    expect(departmentOf(createVisitorStorage('site_1', backend).read())).toBe('sales');
    expect(published).toEqual(['sales']);
  });

  it("prefers the shop's department to the visitor's pick, and forgets only the pick once a conversation opens", () => {
    const storage = createVisitorStorage('site_1', memoryBackend());
    const published: (string | null)[] = [];
    const choice = createDepartmentChoice(storage, (d) => published.push(d));
    choice.pick('support');
    choice.conversationOpened();
    choice.setByShop('sales');
    choice.pick('support');
    choice.conversationOpened();
    choice.setByShop(null);
    expect(published).toEqual(['support', null, 'sales', 'sales', 'sales', null]);
  });

  it('ignores a stored department that is not a non-empty string', () => {
    const backend = memoryBackend();
    backend.setItem(storageKey('s'), JSON.stringify({ department: 7, picked: '' }));
    expect(departmentOf(createVisitorStorage('s', backend).read())).toBeNull();
  });
});
