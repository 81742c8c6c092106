import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PresenceService } from './presence.service.ts';

let presence: PresenceService;
let log: string[];

beforeEach(() => {
  vi.useFakeTimers();
  presence = new PresenceService(30_000);
  log = [];
  presence.listen({
    changed: (id) => log.push(`changed:${id}`),
    wentOffline: (id) => log.push(`offline:${id}`),
  });
});
afterEach(() => {
  presence.close();
  vi.useRealTimers();
});

describe('PresenceService', () => {
  it('counts an agent with several tabs once', () => {
    presence.socketConnected('agt_a', 's');
    presence.socketConnected('agt_a', 's');
    presence.socketDisconnected('agt_a', 's');
    expect(presence.isConnected('agt_a', 's')).toBe(true);
    expect(log).toEqual(['changed:agt_a']);
  });

  it('marks an agent offline only after the grace period', () => {
    presence.socketConnected('agt_a', 's');
    presence.socketDisconnected('agt_a', 's');
    expect(presence.isConnected('agt_a', 's')).toBe(false);
    expect(presence.isPresent('agt_a', 's')).toBe(true);
    vi.advanceTimersByTime(29_999);
    expect(log).toEqual(['changed:agt_a']);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['changed:agt_a', 'offline:agt_a', 'changed:agt_a']);
    expect(presence.isPresent('agt_a', 's')).toBe(false);
  });

  it('forgets the pending offline when the agent comes back within the grace period (a reload)', () => {
    presence.socketConnected('agt_a', 's');
    presence.socketDisconnected('agt_a', 's');
    vi.advanceTimersByTime(5_000);
    presence.socketConnected('agt_a', 's');
    vi.advanceTimersByTime(60_000);
    expect(log.filter((l) => l.startsWith('offline'))).toEqual([]);
  });

  it('gives agents who had chats before a restart the grace period to come back', () => {
    presence.expectBack('agt_b', 's');
    expect(presence.isPresent('agt_b', 's')).toBe(true);
    vi.advanceTimersByTime(30_000);
    expect(log).toEqual(['offline:agt_b', 'changed:agt_b']);

    presence.expectBack('agt_c', 's');
    presence.socketConnected('agt_c', 's');
    vi.advanceTimersByTime(30_000);
    expect(log).not.toContain('offline:agt_c');
  });
});
