import { describe, expect, it } from 'vitest';
import { memoryBackend } from '../chat/testSession.ts';
import type { KeyValueStore } from '../chat/visitorStorage.ts';
import { createTriggerMemory } from './triggerMemory.ts';

const landing = { url: 'https://botiga.example/?utm_source=ig&utm_medium=social&page=2', referrer: 'https://instagram.com/' };
const KEY = 'mostrador:site_1:triggers';

describe('trigger memory', () => {
  it('keeps fire times per site in localStorage and this session’s rules in sessionStorage', () => {
    const local = memoryBackend();
    const session = memoryBackend();
    const memory = createTriggerMemory('site_1', local, session, landing);
    expect(memory.landing).toMatchObject({ referrer: 'https://instagram.com/', utm: { source: 'ig', medium: 'social' } });
    memory.fired('trg_1', 1_000);
    expect(JSON.parse(local.getItem(KEY)!)).toEqual({ trg_1: 1_000 });
    expect(JSON.parse(session.getItem(KEY)!)).toMatchObject({ fired: ['trg_1'] });
    const reloaded = createTriggerMemory('site_1', local, session, { url: 'https://botiga.example/cart', referrer: '' });
    expect(reloaded.landing.utm).toEqual({ source: 'ig', medium: 'social' });
    expect(reloaded.history(false)).toEqual({
      lastFiredAt: { trg_1: 1_000 },
      firedThisSession: new Set(['trg_1']),
      invitedThisPage: false,
    });
    expect(createTriggerMemory('site_2', local, session, landing).history(true).lastFiredAt).toEqual({});
  });

  it('starts afresh from foreign or broken data, and keeps working in memory when storage throws', () => {
    const broken = memoryBackend();
    broken.setItem(KEY, '{"fired": "nope"');
    expect(createTriggerMemory('site_1', broken, broken, landing).history(false).firedThisSession).toEqual(new Set());
    const refusing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const memory = createTriggerMemory('site_1', refusing, refusing, landing);
    memory.fired('trg_1', 5);
    expect(memory.history(false)).toMatchObject({ lastFiredAt: { trg_1: 5 }, firedThisSession: new Set(['trg_1']) });
  });
});
