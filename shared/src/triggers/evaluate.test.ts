import { describe, expect, it } from 'vitest';
import type { RuleCondition, WidgetTrigger } from '../schemas/triggers.ts';
import { inBusinessHours, withinBusinessHours } from './businessHours.ts';
import { capAllows, chooseTrigger, matchesText, qualifies, type TriggerHistory, type VisitorState } from './evaluate.ts';

const NOW = Date.parse('2026-12-01T10:00:00Z'); // a Tuesday, 11:00 in Barcelona

function state(overrides: Partial<VisitorState> = {}): VisitorState {
  return {
    now: NOW,
    pageStartedAt: NOW - 10_000,
    visitStartedAt: NOW - 120_000,
    url: 'https://botiga.example/products/motxilla?variant=2',
    pagesViewed: 3,
    product: { price: 119, currency: 'EUR' },
    cart: { total: 84, currency: 'EUR', items: 2, skus: ['HOOD-M'] },
    checkoutSince: null,
    lastActivityAt: NOW - 5_000,
    exitIntent: false,
    referrer: 'https://www.google.com/',
    utm: { source: 'newsletter', campaign: 'black-friday' },
    returning: false,
    language: 'ca',
    agentsOnline: (departmentId) => departmentId === null,
    events: new Set(['coupon_failed']),
    withinBusinessHours,
    ...overrides,
  };
}

let ids = 0;
function trigger(
  conditions: RuleCondition[],
  frequency: WidgetTrigger['frequency'] = { kind: 'once_per_session' },
  departmentId: string | null = null,
): WidgetTrigger {
  ids += 1;
  return { id: `trg_${ids}`, conditions, action: { kind: 'teaser', message: 'Hola!', senderName: null, departmentId }, frequency };
}

const when = (condition: RuleCondition, s: VisitorState = state(), departmentId: string | null = null) =>
  qualifies(trigger([condition], undefined, departmentId), s);
const yes = { negate: false } as const;
const not = { negate: true } as const;

describe('each condition, and its negation', () => {
  it('time on the current page and on the site', () => {
    expect(when({ type: 'time_on_page', seconds: 10, ...yes })).toBe(true);
    expect(when({ type: 'time_on_page', seconds: 11, ...yes })).toBe(false);
    expect(when({ type: 'time_on_page', seconds: 11, ...not })).toBe(true);
    expect(when({ type: 'time_on_site', seconds: 120, ...yes })).toBe(true);
    expect(when({ type: 'time_on_site', seconds: 121, ...yes })).toBe(false);
  });

  it('URL by glob on the path, by glob on the whole URL, and by regular expression', () => {
    expect(when({ type: 'url', match: 'glob', pattern: '/products/*', ...yes })).toBe(true);
    expect(when({ type: 'url', match: 'glob', pattern: '/cart', ...yes })).toBe(false);
    expect(when({ type: 'url', match: 'glob', pattern: 'https://botiga.example/*', ...yes })).toBe(true);
    expect(when({ type: 'url', match: 'regex', pattern: '^/products/(motxilla|bossa)', ...yes })).toBe(true);
    expect(when({ type: 'url', match: 'regex', pattern: '^/checkout', ...not })).toBe(true);
    // A broken expression matches nothing rather than throwing.
    expect(when({ type: 'url', match: 'regex', pattern: '(', ...yes })).toBe(false);
  });

  it('pages viewed', () => {
    expect(when({ type: 'pages_viewed', min: 3, ...yes })).toBe(true);
    expect(when({ type: 'pages_viewed', min: 4, ...yes })).toBe(false);
  });

  it('product page, optionally above a price', () => {
    expect(when({ type: 'product_page', minPrice: null, currency: 'EUR', ...yes })).toBe(true);
    expect(when({ type: 'product_page', minPrice: 100, currency: 'EUR', ...yes })).toBe(true);
    expect(when({ type: 'product_page', minPrice: 120, currency: 'EUR', ...yes })).toBe(false);
    expect(when({ type: 'product_page', minPrice: null, currency: 'EUR', ...yes }, state({ product: null }))).toBe(false);
    expect(when({ type: 'product_page', minPrice: 10, currency: 'EUR', ...yes }, state({ product: { price: null, currency: null } }))).toBe(
      false,
    );
  });

  it('cart value at least or below, number of items, and a SKU in it', () => {
    expect(when({ type: 'cart_value', op: 'gte', amount: 84, currency: 'EUR', ...yes })).toBe(true);
    expect(when({ type: 'cart_value', op: 'gte', amount: 100, currency: 'EUR', ...yes })).toBe(false);
    expect(when({ type: 'cart_value', op: 'lt', amount: 100, currency: 'EUR', ...yes })).toBe(true);
    // "Below" is strict: a cart of exactly 84 is not below 84, and is at least 84.
    expect(when({ type: 'cart_value', op: 'lt', amount: 84, currency: 'EUR', ...yes })).toBe(false);
    expect(when({ type: 'cart_value', op: 'lt', amount: 84.01, currency: 'EUR', ...yes })).toBe(true);
    expect(when({ type: 'cart_value', op: 'lt', amount: 1, currency: 'EUR', ...yes }, state({ cart: null }))).toBe(true);
    // A cart in another currency is not compared with euros.
    expect(when({ type: 'cart_value', op: 'gte', amount: 50, currency: 'USD', ...yes })).toBe(false);
    expect(when({ type: 'product_page', minPrice: 100, currency: 'USD', ...yes })).toBe(false);
    expect(when({ type: 'cart_items', min: 2, ...yes })).toBe(true);
    expect(when({ type: 'cart_items', min: 3, ...yes })).toBe(false);
    expect(when({ type: 'cart_contains', sku: 'HOOD-M', ...yes })).toBe(true);
    expect(when({ type: 'cart_contains', sku: 'CAP', ...yes })).toBe(false);
    expect(when({ type: 'cart_contains', sku: 'CAP', ...not })).toBe(true);
  });

  it('idle in checkout, counted from the later of checkout start and last activity', () => {
    const inCheckout = state({ checkoutSince: NOW - 90_000, lastActivityAt: NOW - 30_000 });
    expect(when({ type: 'checkout_idle', seconds: 30, ...yes }, inCheckout)).toBe(true);
    expect(when({ type: 'checkout_idle', seconds: 31, ...yes }, inCheckout)).toBe(false);
    expect(when({ type: 'checkout_idle', seconds: 0, ...yes })).toBe(false);
  });

  it('exit intent and idle', () => {
    expect(when({ type: 'exit_intent', ...yes })).toBe(false);
    expect(when({ type: 'exit_intent', ...yes }, state({ exitIntent: true }))).toBe(true);
    expect(when({ type: 'idle', seconds: 5, ...yes })).toBe(true);
    expect(when({ type: 'idle', seconds: 6, ...yes })).toBe(false);
  });

  it('referrer and UTM parameters', () => {
    expect(when({ type: 'referrer', match: 'glob', pattern: '*google.*', ...yes })).toBe(true);
    expect(when({ type: 'referrer', match: 'regex', pattern: 'facebook', ...yes })).toBe(false);
    expect(when({ type: 'utm', param: 'source', match: 'glob', pattern: 'newsletter', ...yes })).toBe(true);
    expect(when({ type: 'utm', param: 'campaign', match: 'regex', pattern: '^black', ...yes })).toBe(true);
    expect(when({ type: 'utm', param: 'medium', match: 'glob', pattern: '*', ...yes })).toBe(true);
    expect(when({ type: 'utm', param: 'medium', match: 'glob', pattern: '?*', ...yes })).toBe(false);
  });

  it('new or returning visitor, and language', () => {
    expect(when({ type: 'returning_visitor', ...yes })).toBe(false);
    expect(when({ type: 'returning_visitor', ...not })).toBe(true);
    expect(when({ type: 'returning_visitor', ...yes }, state({ returning: true }))).toBe(true);
    expect(when({ type: 'language', languages: ['ca', 'es'], ...yes })).toBe(true);
    expect(when({ type: 'language', languages: ['en'], ...yes })).toBe(false);
  });

  it('agents online in the rule’s department', () => {
    expect(when({ type: 'agents_online', ...yes })).toBe(true);
    expect(when({ type: 'agents_online', ...yes }, state(), 'dep_sales')).toBe(false);
    expect(when({ type: 'agents_online', ...not }, state(), 'dep_sales')).toBe(true);
  });

  it('business hours in the shop’s time zone, and outside them', () => {
    const weekdays = [1, 2, 3, 4, 5];
    const hours = { type: 'business_hours', timeZone: 'Europe/Madrid', days: weekdays, from: '09:00', to: '18:00' } as const;
    expect(when({ ...hours, ...yes })).toBe(true);
    expect(when({ ...hours, ...not })).toBe(false);
    expect(when({ ...hours, ...yes }, state({ now: Date.parse('2026-12-01T17:30:00Z') }))).toBe(false);
    // Saturday morning.
    expect(when({ ...hours, ...yes }, state({ now: Date.parse('2026-12-05T10:00:00Z') }))).toBe(false);
  });

  it('a custom event tracked on the page', () => {
    expect(when({ type: 'event', name: 'coupon_failed', ...yes })).toBe(true);
    expect(when({ type: 'event', name: 'size_guide', ...yes })).toBe(false);
  });

  it('needs every condition of a rule', () => {
    const rule = trigger([
      { type: 'cart_value', op: 'gte', amount: 80, currency: 'EUR', ...yes },
      { type: 'time_on_page', seconds: 45, ...yes },
    ]);
    expect(qualifies(rule, state())).toBe(false);
    expect(qualifies(rule, state({ pageStartedAt: NOW - 45_000 }))).toBe(true);
    expect(qualifies(trigger([]), state())).toBe(true);
  });
});

describe('matching helpers', () => {
  it('globs escape everything but * and ?, and ignore case', () => {
    expect(matchesText({ match: 'glob', pattern: '/p/a+b.html' }, '/p/a+b.html')).toBe(true);
    expect(matchesText({ match: 'glob', pattern: '/p/a+b.html' }, '/p/aab.html')).toBe(false);
    expect(matchesText({ match: 'glob', pattern: '/P/?' }, '/p/x')).toBe(true);
  });

  it('globs match the whole text: stars take any run, including none, and a trailing star takes the rest', () => {
    expect(matchesText({ match: 'glob', pattern: '*/cart*' }, '/shop/cart')).toBe(true);
    expect(matchesText({ match: 'glob', pattern: '*/cart*' }, '/shop/cart?step=2')).toBe(true);
    expect(matchesText({ match: 'glob', pattern: '*/cart' }, '/shop/cart/x')).toBe(false);
    expect(matchesText({ match: 'glob', pattern: 'a*b*c' }, 'abc')).toBe(true);
    expect(matchesText({ match: 'glob', pattern: 'a*b*c' }, 'axxbyyc')).toBe(true);
    expect(matchesText({ match: 'glob', pattern: 'a*b*c' }, 'axxbyy')).toBe(false);
    expect(matchesText({ match: 'glob', pattern: '?' }, '')).toBe(false);
    expect(matchesText({ match: 'glob', pattern: '**' }, '')).toBe(true);
  });

  it('a glob of many stars against a long address answers without backtracking (the server runs it for every tab)', () => {
    // As a regular expression (^.*a.*a…b$) this takes minutes on a 2,000-character URL.
    const pattern = `${'*a'.repeat(12)}*b`;
    expect(matchesText({ match: 'glob', pattern }, 'a'.repeat(2000))).toBe(false);
    expect(matchesText({ match: 'glob', pattern }, `${'a'.repeat(2000)}b`)).toBe(true);
  });

  it('runs regular expressions in linear time: patterns that backtrack for minutes as RegExp answer at once', () => {
    const text = `/p/${'a'.repeat(900)}!`;
    expect(matchesText({ match: 'regex', pattern: '(\\w|\\d)+$' }, text)).toBe(false);
    expect(matchesText({ match: 'regex', pattern: '.*a.*a.*a.*a.*a.*b' }, text)).toBe(false);
    expect(matchesText({ match: 'regex', pattern: '^/P/A+!$' }, text)).toBe(true);
    // What RE2 cannot run matches nothing (the server refuses such a rule when it is saved).
    expect(matchesText({ match: 'regex', pattern: '^/p/(?=a)' }, text)).toBe(false);
  });

  it('opening hours that span midnight belong to the day they start', () => {
    const night = (iso: string) => inBusinessHours(Date.parse(iso), 'UTC', [5], '22:00', '02:00');
    expect(night('2026-12-04T23:00:00Z')).toBe(true); // Friday 23:00
    expect(night('2026-12-05T01:00:00Z')).toBe(true); // Saturday 01:00, Friday's night
    expect(night('2026-12-05T23:00:00Z')).toBe(false); // Saturday 23:00
    expect(inBusinessHours(NOW, 'Not/AZone', [2], '00:00', '23:59')).toBe(false);
  });
});

describe('edges a mutation run found untested', () => {
  it('opening hours: open from the first minute, closed from the last, only on the days listed', () => {
    const day = (iso: string) => inBusinessHours(Date.parse(iso), 'UTC', [2], '09:00', '18:00');
    expect(day('2026-12-01T08:59:00Z')).toBe(false);
    expect(day('2026-12-01T09:00:00Z')).toBe(true);
    expect(day('2026-12-01T17:59:00Z')).toBe(true);
    expect(day('2026-12-01T18:00:00Z')).toBe(false);
    // Each weekday by name: Sunday 2026-11-29 to Saturday 2026-12-05, open only on the one listed.
    for (let weekday = 0; weekday < 7; weekday += 1) {
      const noon = Date.parse('2026-11-29T12:00:00Z') + weekday * 86_400_000;
      const openOn = (days: number[]) => inBusinessHours(noon, 'UTC', days, '09:00', '18:00');
      expect([openOn([weekday]), openOn([(weekday + 1) % 7])]).toEqual([true, false]);
    }
    // An empty span is never open.
    expect(inBusinessHours(Date.parse('2026-12-01T12:00:00Z'), 'UTC', [2], '12:00', '12:00')).toBe(false);
    const night = (iso: string) => inBusinessHours(Date.parse(iso), 'UTC', [5], '22:00', '02:00');
    expect(night('2026-12-04T21:59:00Z')).toBe(false);
    expect(night('2026-12-04T22:00:00Z')).toBe(true);
    expect(night('2026-12-05T01:59:00Z')).toBe(true);
    expect(night('2026-12-05T02:00:00Z')).toBe(false);
    // Closed at the end minute even when the next day's own night is listed too.
    expect(inBusinessHours(Date.parse('2026-12-05T02:00:00Z'), 'UTC', [5, 6], '22:00', '02:00')).toBe(false);
  });

  it('URL: a plain http pattern matches the whole URL, and a URL without a path is at /', () => {
    const http = state({ url: 'http://botiga.example/sale' });
    expect(when({ type: 'url', match: 'glob', pattern: 'http://botiga.example/*', ...yes }, http)).toBe(true);
    expect(when({ type: 'url', match: 'glob', pattern: '/', ...yes }, state({ url: 'https://botiga.example' }))).toBe(true);
    expect(when({ type: 'url', match: 'glob', pattern: '/', ...yes }, state({ url: 'https://botiga.example#top' }))).toBe(true);
  });

  it('product page: any product when no minimum, the minimum itself counts, an unknown price never does', () => {
    const unpriced = state({ product: { price: null, currency: null } });
    expect(when({ type: 'product_page', minPrice: null, currency: 'EUR', ...yes }, unpriced)).toBe(true);
    expect(when({ type: 'product_page', minPrice: 119, currency: 'EUR', ...yes })).toBe(true);
    expect(when({ type: 'product_page', minPrice: 0, currency: 'EUR', ...yes }, state({ product: { price: null, currency: 'EUR' } }))).toBe(
      false,
    );
  });

  it('cart conditions without a cart', () => {
    const noCart = state({ cart: null });
    expect(when({ type: 'cart_items', min: 1, ...yes }, noCart)).toBe(false);
    expect(when({ type: 'cart_contains', sku: 'HOOD-M', ...yes }, noCart)).toBe(false);
    expect(when({ type: 'cart_value', op: 'gte', amount: 0, currency: 'EUR', ...yes }, noCart)).toBe(true);
  });

  it('every N hours lets a rule that never fired fire', () => {
    const everyTwo = trigger([], { kind: 'every_hours', hours: 2 });
    expect(capAllows(everyTwo, { lastFiredAt: {}, firedThisSession: new Set(), invitedThisPage: false }, NOW)).toBe(true);
  });
});

describe('frequency caps and choosing', () => {
  const empty: TriggerHistory = { lastFiredAt: {}, firedThisSession: new Set(), invitedThisPage: false };
  const idle = { typing: false, chatting: false };

  it('once per visitor, once per session, at most every N hours', () => {
    const perVisitor = trigger([], { kind: 'once_per_visitor' });
    const perSession = trigger([], { kind: 'once_per_session' });
    const everyTwo = trigger([], { kind: 'every_hours', hours: 2 });
    expect(capAllows(perVisitor, empty, NOW)).toBe(true);
    expect(capAllows(perVisitor, { ...empty, lastFiredAt: { [perVisitor.id]: NOW - 30 * 86_400_000 } }, NOW)).toBe(false);
    expect(capAllows(perSession, { ...empty, lastFiredAt: { [perSession.id]: NOW - 60_000 } }, NOW)).toBe(true);
    expect(capAllows(perSession, { ...empty, firedThisSession: new Set([perSession.id]) }, NOW)).toBe(false);
    expect(capAllows(everyTwo, { ...empty, lastFiredAt: { [everyTwo.id]: NOW - 7_199_000 } }, NOW)).toBe(false);
    expect(capAllows(everyTwo, { ...empty, lastFiredAt: { [everyTwo.id]: NOW - 7_200_000 } }, NOW)).toBe(true);
  });

  it('fires the first qualifying rule in order, and reports capped ones as held back', () => {
    const notYet = trigger([{ type: 'time_on_page', seconds: 60, ...yes }]);
    const capped = trigger([], { kind: 'once_per_visitor' });
    const first = trigger([{ type: 'product_page', minPrice: null, currency: 'EUR', ...yes }]);
    const second = trigger([]);
    const history = { ...empty, lastFiredAt: { [capped.id]: NOW - 1000 } };
    const choice = chooseTrigger([notYet, capped, first, second], state(), history, idle);
    expect(choice.fire?.id).toBe(first.id);
    expect(choice.heldBack.map((t) => t.id)).toEqual([capped.id]);
  });

  it('never fires while the visitor types or chats, nor twice on one page', () => {
    const rule = trigger([]);
    expect(chooseTrigger([rule], state(), empty, { typing: true, chatting: false }).fire).toBeNull();
    expect(chooseTrigger([rule], state(), empty, { typing: false, chatting: true }).fire).toBeNull();
    expect(chooseTrigger([rule], state(), { ...empty, invitedThisPage: true }, idle).fire).toBeNull();
    expect(chooseTrigger([rule], state(), empty, idle).fire?.id).toBe(rule.id);
  });
});
