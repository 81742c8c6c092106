import type { CartUpdated, PageViewed, Product, WidgetTrigger } from '@mostrador/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryBackend } from '../chat/testSession.ts';
import type { KeyValueStore } from '../chat/visitorStorage.ts';
import { FakeTransport } from '../transport/fakeTransport.ts';
import * as hoursChunk from './hoursChunk.ts';
import { rule, sessionWith, when } from './testRules.ts';
import { startTriggerRuntime, type HoursModule, type TriggerRuntime } from './triggerRuntime.ts';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const HOUR = 3_600_000;

/** Stands in for the shop tracker: the test sets the page and cart and says when they changed. */
function fakeTracker() {
  const listeners: ((newPage: boolean) => void)[] = [];
  return {
    page: null as PageViewed | null,
    product: null as Product | null,
    cart: null as CartUpdated | null,
    subscribe: (listener: (newPage: boolean) => void) => void listeners.push(listener),
    changed(newPage: boolean) {
      for (const listener of listeners) listener(newPage);
    },
  };
}

const page = (path: string): PageViewed => ({
  url: `http://localhost:3000${path}`,
  title: '',
  referrer: '',
  markup: { jsonLd: [], meta: {} },
});

let runtimes: TriggerRuntime[] = [];

/** One page load of the shop: a runtime greeted by the server with these rules. */
function load(
  triggers: WidgetTrigger[],
  storage = { local: memoryBackend(), session: memoryBackend() as KeyValueStore },
  loadHours: () => HoursModule | Promise<HoursModule> = () => hoursChunk,
) {
  const transport = new FakeTransport();
  const tracker = fakeTracker();
  const fired: { ruleId: string; firingId: string }[] = [];
  const busy = { typing: false, chatting: false };
  const onNewPage = vi.fn();
  let ids = 0;
  const runtime = startTriggerRuntime({
    win: window,
    transport,
    siteKey: 'site_1',
    ...storage,
    language: 'ca',
    tracker,
    busy: () => busy,
    fire: (trigger, firingId) => fired.push({ ruleId: trigger.id, firingId }),
    onNewPage,
    loadHours,
    newId: () => `firing-${++ids}-xxxx`,
  });
  runtimes.push(runtime);
  const greet = (rules = triggers) => transport.establish(sessionWith(rules));
  const reports = () => transport.notified.flatMap((n) => (n.event === 'trigger:reported' ? [n.payload] : []));
  return { transport, tracker, fired, busy, onNewPage, runtime, greet, reports, storage };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
  history.replaceState(null, '', '/p/hoodie');
});

afterEach(() => {
  for (const runtime of runtimes) runtime.stop();
  runtimes = [];
  vi.useRealTimers();
});

describe('the trigger runtime', () => {
  it('fires a rule once the visitor has spent N seconds on the page, and reports it with a fresh firing id', () => {
    const shop = load([rule('trg_time', [when({ type: 'time_on_page', seconds: 30 })])]);
    shop.greet();
    vi.advanceTimersByTime(29_000);
    expect(shop.fired).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(shop.fired).toEqual([{ ruleId: 'trg_time', firingId: 'firing-1-xxxx' }]);
    expect(shop.reports()).toEqual([{ ruleId: 'trg_time', firingId: 'firing-1-xxxx', outcome: 'fired' }]);
  });

  it('does nothing before the server has sent the rules', () => {
    const shop = load([rule('trg_now', [])]);
    vi.advanceTimersByTime(10_000);
    expect(shop.fired).toEqual([]);
    shop.greet();
    expect(shop.fired.map((f) => f.ruleId)).toEqual(['trg_now']);
  });

  it('fires on desktop exit intent: the pointer leaving through the top edge', () => {
    const shop = load([rule('trg_exit', [when({ type: 'exit_intent' })])]);
    shop.greet();
    vi.advanceTimersByTime(5_000);
    // Leaving sideways, or into another element, is not heading for the tabs.
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 300, bubbles: true }));
    document.body.dispatchEvent(new MouseEvent('mouseout', { clientY: 0, relatedTarget: document.head, bubbles: true }));
    vi.advanceTimersByTime(3_000);
    expect(shop.fired).toEqual([]);
    document.body.dispatchEvent(new MouseEvent('mouseout', { clientY: -2, bubbles: true }));
    expect(shop.fired.map((f) => f.ruleId)).toEqual(['trg_exit']);
  });

  it('fires on mobile exit intent: a fast upward scroll after reading down a screen', () => {
    const shop = load([rule('trg_exit', [when({ type: 'exit_intent' })])]);
    shop.greet();
    const scrollTo = (y: number, after: number) => {
      vi.advanceTimersByTime(after);
      Object.defineProperty(window, 'scrollY', { value: y, configurable: true });
      window.dispatchEvent(new Event('scroll'));
    };
    // Near the top, a flick up is only scrolling.
    scrollTo(300, 100);
    scrollTo(150, 100);
    scrollTo(0, 100);
    expect(shop.fired).toEqual([]);
    scrollTo(window.innerHeight + 400, 1_000);
    // Slowly up: reading back, not leaving.
    scrollTo(window.innerHeight + 300, 400);
    scrollTo(window.innerHeight + 200, 400);
    expect(shop.fired).toEqual([]);
    scrollTo(window.innerHeight + 120, 100);
    scrollTo(window.innerHeight - 20, 100);
    expect(shop.fired.map((f) => f.ruleId)).toEqual(['trg_exit']);
  });

  it('fires at once on an event the shop tracks on this page', () => {
    const shop = load([rule('trg_coupon', [when({ type: 'event', name: 'coupon_failed' })])]);
    shop.greet();
    shop.runtime.track('size_guide');
    expect(shop.fired).toEqual([]);
    shop.runtime.track('coupon_failed');
    expect(shop.fired.map((f) => f.ruleId)).toEqual(['trg_coupon']);
  });

  it('keeps events for the page they were tracked on, though a single-page shop’s new page is read a moment later', () => {
    const shop = load([rule('trg_guide', [when({ type: 'event', name: 'size_guide' }), when({ type: 'event', name: 'zoom' })])]);
    shop.busy.typing = true;
    shop.greet();
    shop.runtime.track('zoom');
    history.pushState(null, '', '/p/cap');
    shop.runtime.track('size_guide');
    shop.tracker.page = page('/p/cap');
    shop.tracker.changed(true);
    shop.busy.typing = false;
    shop.runtime.track('other');
    // 'zoom' belonged to the hoodie's page.
    expect(shop.fired).toEqual([]);
    shop.runtime.track('zoom');
    expect(shop.fired.map((f) => f.ruleId)).toEqual(['trg_guide']);
  });

  it('never interrupts a visitor who is typing or chatting', () => {
    const shop = load([rule('trg_now', [])]);
    shop.busy.typing = true;
    shop.greet();
    vi.advanceTimersByTime(5_000);
    shop.busy.typing = false;
    shop.busy.chatting = true;
    vi.advanceTimersByTime(5_000);
    expect(shop.fired).toEqual([]);
    shop.busy.chatting = false;
    vi.advanceTimersByTime(1_000);
    expect(shop.fired).toHaveLength(1);
  });

  it('invites at most once per page, and again on the next page of a single-page shop', () => {
    const shop = load([rule('trg_a', [], { frequency: { kind: 'every_hours', hours: 1 } }), rule('trg_b', [])]);
    shop.greet();
    vi.advanceTimersByTime(10_000);
    expect(shop.fired.map((f) => f.ruleId)).toEqual(['trg_a']);
    shop.tracker.page = page('/p/cap');
    shop.tracker.changed(true);
    expect(shop.onNewPage).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    // trg_a fired within the hour, so the next rule in order invites.
    expect(shop.fired.map((f) => f.ruleId)).toEqual(['trg_a', 'trg_b']);
  });

  it('reports a rule its cap holds back once per page, as the comparison group', () => {
    const capped = rule('trg_once', [], { frequency: { kind: 'once_per_visitor' } });
    const storage = { local: memoryBackend(), session: memoryBackend() };
    load([capped], storage).greet();
    const later = load([capped, rule('trg_late', [when({ type: 'time_on_page', seconds: 60 })])], storage);
    later.greet();
    vi.advanceTimersByTime(30_000);
    expect(later.fired).toEqual([]);
    expect(later.reports()).toEqual([{ ruleId: 'trg_once', firingId: 'firing-1-xxxx', outcome: 'held_back' }]);
    vi.advanceTimersByTime(30_000);
    expect(later.reports().map((r) => [r.ruleId, r.outcome])).toEqual([
      ['trg_once', 'held_back'],
      ['trg_late', 'fired'],
    ]);
    later.tracker.page = page('/cart');
    later.tracker.changed(true);
    vi.advanceTimersByTime(1_000);
    expect(later.reports().filter((r) => r.outcome === 'held_back')).toHaveLength(2);
  });

  it('fires a once-per-session rule once across reloads, and again in a new session', () => {
    const perSession = [rule('trg_session', [], { frequency: { kind: 'once_per_session' } })];
    const local = memoryBackend();
    const tab = { local, session: memoryBackend() };
    const first = load(perSession, tab);
    first.greet();
    expect(first.fired).toHaveLength(1);
    const reload = load(perSession, tab);
    reload.greet();
    vi.advanceTimersByTime(10_000);
    expect(reload.fired).toEqual([]);
    const nextSession = load(perSession, { local, session: memoryBackend() });
    nextSession.greet();
    expect(nextSession.fired).toHaveLength(1);
  });

  it('fires an every-N-hours rule again only once N hours have passed, across reloads', () => {
    const everyTwo = [rule('trg_2h', [], { frequency: { kind: 'every_hours', hours: 2 } })];
    const storage = { local: memoryBackend(), session: memoryBackend() };
    load(everyTwo, storage).greet();
    vi.setSystemTime(NOW + HOUR);
    const soon = load(everyTwo, storage);
    soon.greet();
    expect(soon.fired).toEqual([]);
    vi.setSystemTime(NOW + 2 * HOUR);
    const later = load(everyTwo, storage);
    later.greet();
    expect(later.fired).toHaveLength(1);
  });

  it('reads the visit, the product, the cart and the agents online as the rules need them', () => {
    const rules = [
      rule('trg_checkout', [when({ type: 'checkout_idle', seconds: 20 }), when({ type: 'cart_items', min: 3 })]),
      rule('trg_product', [
        when({ type: 'product_page', minPrice: 100, currency: 'EUR' }),
        when({ type: 'pages_viewed', min: 5 }),
        when({ type: 'returning_visitor' }),
        when({ type: 'time_on_site', seconds: 600 }),
        when({ type: 'language', languages: ['ca'] }),
        when({ type: 'agents_online' }),
      ]),
    ];
    history.replaceState(null, '', '/p/motxilla');
    const shop = load(rules);
    // The tracker's first read of the page the widget started on is no navigation.
    shop.tracker.page = page('/p/motxilla');
    shop.tracker.product = { name: 'Motxilla', sku: 'BAG', price: 119, currency: 'EUR', image: null, availability: null };
    shop.tracker.changed(true);
    shop.transport.establish(sessionWith(rules, { startedAt: NOW - 600_000, pagesViewed: 3, returning: true }));
    shop.transport.emit('agents:changed', { onlineAgents: { any: false, departments: [] } });
    vi.advanceTimersByTime(1_000);
    // Pages viewed: 3 before, this one, and a move within the single-page shop.
    shop.tracker.page = page('/p/motxilla?color=red');
    shop.tracker.changed(true);
    vi.advanceTimersByTime(1_000);
    expect(shop.fired).toEqual([]);
    shop.transport.emit('agents:changed', { onlineAgents: { any: true, departments: [] } });
    vi.advanceTimersByTime(1_000);
    expect(shop.fired.map((f) => f.ruleId)).toEqual(['trg_product']);

    const checkout = load(rules);
    checkout.greet();
    const item = { sku: 'HOOD-M', name: 'Dessuadora', qty: 3, price: 42, url: null, image: null };
    checkout.tracker.cart = { cart: { items: [item], total: 126, currency: 'EUR' }, stage: 'checkout', source: 'datalayer' };
    checkout.tracker.changed(false);
    vi.advanceTimersByTime(19_000);
    expect(checkout.fired).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(checkout.fired.map((f) => f.ruleId)).toEqual(['trg_checkout']);
  });

  it('keeps the referrer and UTM parameters of the page the session landed on', () => {
    const referrer = (url: string) => Object.defineProperty(document, 'referrer', { value: url, configurable: true });
    const fromCampaign = [
      rule('trg_campaign', [
        when({ type: 'utm', param: 'campaign', match: 'glob', pattern: 'black*' }),
        when({ type: 'referrer', match: 'glob', pattern: 'https://www.google.*' }),
      ]),
    ];
    const tab = { local: memoryBackend(), session: memoryBackend() };
    referrer('https://www.google.com/');
    history.replaceState(null, '', '/?utm_source=newsletter&utm_campaign=blackfriday');
    load([], tab).greet();
    referrer('http://localhost:3000/');
    history.replaceState(null, '', '/p/hoodie');
    const next = load(fromCampaign, tab);
    next.greet();
    expect(next.fired.map((f) => f.ruleId)).toEqual(['trg_campaign']);
    // Another session, landing from the shop's own page without a campaign.
    const other = load(fromCampaign);
    other.greet();
    expect(other.fired).toEqual([]);
    referrer('');
  });

  it('fetches the business-hours chunk only for a site whose rules have business hours, and evaluates no rule until it has come', async () => {
    const fetched: string[] = [];
    const plain = load(
      [rule('trg_time', [when({ type: 'time_on_page', seconds: 0 })])],
      undefined,
      () => (fetched.push('plain'), hoursChunk),
    );
    plain.greet();
    expect(plain.fired.map((f) => f.ruleId)).toEqual(['trg_time']);
    expect(fetched).toEqual([]);

    let arrive = (_module: HoursModule) => {};
    // 2026-12-01T10:00Z is a Tuesday, 11:00 in Barcelona.
    const open = when({ type: 'business_hours', timeZone: 'Europe/Madrid', days: [2], from: '09:00', to: '18:00' });
    const shop = load([rule('trg_hours', [open])], undefined, () => (fetched.push('hours'), new Promise((resolve) => (arrive = resolve))));
    shop.greet();
    vi.advanceTimersByTime(5_000);
    expect(shop.fired).toEqual([]);
    expect(shop.reports()).toEqual([]);
    arrive(hoursChunk);
    await vi.waitFor(() => expect(shop.fired.map((f) => f.ruleId)).toEqual(['trg_hours']));
    expect(fetched).toEqual(['hours']);
  });

  it('keeps a business-hours rule quiet outside the hours, once the chunk is at hand', () => {
    const closed = when({ type: 'business_hours', timeZone: 'Europe/Madrid', days: [6, 0], from: '09:00', to: '18:00' });
    const shop = load([rule('trg_weekend', [closed])]);
    shop.greet();
    vi.advanceTimersByTime(3_000);
    expect(shop.fired).toEqual([]);
  });
});
