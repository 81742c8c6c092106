import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TriggerFired } from '@mostrador/shared';
import { session } from '../chat/testSession.ts';
import { FakeTransport } from '../transport/fakeTransport.ts';
import { followServerTriggers } from './serverTriggers.ts';

const watching = (idleAfter: number | null, exitIntent = false, events = ['size_guide', 'coupon_failed', 'zoom']) => {
  const base = session(null);
  return { ...base, site: { ...base.site, watch: { idleAfter, exitIntent, events } } };
};
const INVITATION: TriggerFired = { firingId: 'fir_000001', kind: 'teaser', message: 'Hola!', senderName: null };

let transport: FakeTransport;
let busy: boolean;
let shown: TriggerFired[];
const signals = () => transport.notified.filter((n) => n.event === 'trigger:signal').map((n) => n.payload);

beforeEach(() => {
  vi.useFakeTimers();
  history.replaceState(null, '', '/p/bag');
  transport = new FakeTransport();
  busy = false;
  shown = [];
});
afterEach(() => vi.useRealTimers());

const start = () => followServerTriggers({ win: window, transport, busy: () => busy, fire: (fired) => shown.push(fired) });

describe('the widget’s part of the server’s triggers', () => {
  it('tells a new connection what this page knows: its tracked events, and that the visitor is idle', () => {
    const triggers = start();
    transport.establish(watching(10));
    triggers.track('size_guide');
    // Once per page, and only the events the rules read.
    triggers.track('size_guide');
    triggers.track('add_to_wishlist');
    history.replaceState(null, '', '/p/cap');
    triggers.track('coupon_failed');
    vi.advanceTimersByTime(10_000);
    expect(signals()).toEqual([
      { type: 'event', name: 'size_guide', url: 'http://localhost:3000/p/bag' },
      { type: 'event', name: 'coupon_failed', url: 'http://localhost:3000/p/cap' },
      { type: 'idle', ms: 10_000 },
    ]);
    transport.drop();
    // Nothing is sent while the connection is down; the next greeting hears this page's event again.
    triggers.track('zoom');
    vi.advanceTimersByTime(5_000);
    expect(signals()).toHaveLength(3);
    transport.establish(watching(10));
    expect(signals().slice(3)).toEqual([
      { type: 'event', name: 'coupon_failed', url: 'http://localhost:3000/p/cap' },
      { type: 'event', name: 'zoom', url: 'http://localhost:3000/p/cap' },
      { type: 'idle', ms: 15_000 },
    ]);
  });

  it('reports idleness once per quiet spell, counted from the last input', () => {
    start();
    transport.establish(watching(20));
    vi.advanceTimersByTime(15_000);
    window.dispatchEvent(new Event('scroll'));
    vi.advanceTimersByTime(19_000);
    expect(signals()).toEqual([]);
    vi.advanceTimersByTime(1_000);
    vi.advanceTimersByTime(60_000);
    expect(signals()).toEqual([{ type: 'idle', ms: 20_000 }]);
    window.dispatchEvent(new Event('touchstart'));
    vi.advanceTimersByTime(20_000);
    expect(signals().slice(1)).toEqual([{ type: 'active' }, { type: 'idle', ms: 20_000 }]);
  });

  it('starts reporting what edited rules read, without a reload', () => {
    start();
    transport.establish(watching(null, false, []));
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1, relatedTarget: null }));
    vi.advanceTimersByTime(60_000);
    expect(signals()).toEqual([]);
    transport.emit('triggers:changed', { watch: { idleAfter: 90, exitIntent: true, events: [] } });
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1, relatedTarget: null }));
    vi.advanceTimersByTime(30_000);
    expect(signals()).toEqual([{ type: 'exit_intent' }, { type: 'idle', ms: 90_000 }]);
  });

  it('shows the server’s invitation unless the visitor is busy, and says which it did', () => {
    const triggers = start();
    transport.establish(watching(null));
    busy = true;
    transport.emit('trigger:fired', INVITATION);
    expect(shown).toEqual([]);
    expect(triggers.invitedHere()).toBe(false);
    busy = false;
    transport.emit('trigger:fired', { ...INVITATION, firingId: 'fir_000002' });
    expect(shown).toEqual([{ ...INVITATION, firingId: 'fir_000002' }]);
    const answers = transport.notified.filter((n) => n.event === 'trigger:declined' || n.event === 'trigger:shown');
    expect(answers).toEqual([
      { event: 'trigger:declined', payload: { firingId: 'fir_000001' } },
      { event: 'trigger:shown', payload: { firingId: 'fir_000002' } },
    ]);
    // The page it was shown on, not the next one.
    expect(triggers.invitedHere()).toBe(true);
    history.replaceState(null, '', '/p/cap');
    expect(triggers.invitedHere()).toBe(false);
  });
});
