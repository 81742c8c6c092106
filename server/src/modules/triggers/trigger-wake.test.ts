import { describe, expect, it } from 'vitest';
import type { RuleCondition, WidgetTrigger } from '@mostrador/shared';
import { IDLE_REPORT_MIN_SECONDS, needsOf, nextWake } from './trigger-wake.ts';

const rule = (...conditions: RuleCondition[]): WidgetTrigger => ({
  id: 'trg_1',
  conditions,
  action: { kind: 'teaser', message: 'Hola', senderName: null, departmentId: null },
  frequency: { kind: 'once_per_session' },
});
const on = <C extends RuleCondition['type']>(type: C, fields: object = {}) => ({ type, negate: false, ...fields }) as RuleCondition;

const NOW = 1_000_000;
const clock = { pageStartedAt: NOW - 10_000, visitStartedAt: NOW - 100_000, idleSince: null, checkoutSince: null };

describe('when a tab is next looked at', () => {
  it('at the earliest time condition still ahead, on the page’s and the visit’s clocks', () => {
    const rules = [rule(on('time_on_page', { seconds: 30 })), rule(on('time_on_site', { seconds: 150 }))];
    expect(nextWake(rules, clock, NOW)).toBe(NOW + 20_000);
    // At that moment the page's condition is due, not ahead: the visit's is next.
    expect(nextWake(rules, clock, NOW + 20_000)).toBe(NOW + 50_000);
  });

  it('never for conditions already past or that no clock changes', () => {
    const rules = [rule(on('time_on_page', { seconds: 5 }), on('url', { match: 'glob', pattern: '/p/*' }), on('exit_intent'))];
    expect(nextWake(rules, clock, NOW)).toBeNull();
  });

  it('counts idleness from when the widget said it began, and checkout idleness from the later of that and checkout', () => {
    expect(nextWake([rule(on('idle', { seconds: 60 }))], clock, NOW)).toBeNull();
    expect(nextWake([rule(on('idle', { seconds: 60 }))], { ...clock, idleSince: NOW - 30_000 }, NOW)).toBe(NOW + 30_000);
    const checkout = [rule(on('checkout_idle', { seconds: 60 }))];
    expect(nextWake(checkout, { ...clock, idleSince: NOW - 30_000 }, NOW)).toBeNull();
    expect(nextWake(checkout, { ...clock, idleSince: NOW - 30_000, checkoutSince: NOW - 10_000 }, NOW)).toBe(NOW + 50_000);
    expect(nextWake(checkout, { ...clock, idleSince: NOW - 30_000, checkoutSince: NOW - 50_000 }, NOW)).toBe(NOW + 30_000);
  });

  it('when business hours open or close, in the shop’s zone; never for agents online, which the engine hears of', () => {
    expect(nextWake([rule(on('agents_online'))], clock, NOW)).toBeNull();
    const tuesday = Date.parse('2026-12-01T10:00:00Z');
    const hours = on('business_hours', { timeZone: 'Europe/Madrid', days: [2], from: '09:00', to: '18:00' });
    const at = { ...clock, pageStartedAt: tuesday, visitStartedAt: tuesday };
    expect(nextWake([rule(hours)], at, tuesday)).toBe(Date.parse('2026-12-01T17:00:00Z'));
    expect(nextWake([rule(hours), rule(on('time_on_page', { seconds: 12 }))], at, tuesday)).toBe(tuesday + 12_000);
  });
});

describe('what the site’s rules read', () => {
  it('idleness past the shortest idle threshold of any rule, at least five seconds, or none', () => {
    expect(needsOf([rule(on('time_on_page', { seconds: 5 }))]).idleAfter).toBeNull();
    expect(needsOf([rule(on('idle', { seconds: 90 })), rule(on('checkout_idle', { seconds: 45 }))]).idleAfter).toBe(45);
    expect(needsOf([rule(on('idle', { seconds: 0 }))]).idleAfter).toBe(IDLE_REPORT_MIN_SECONDS);
  });

  it('exit intent, the events, the landing page and the agents online, only when a rule reads them', () => {
    expect(needsOf([rule(on('idle', { seconds: 90 }))])).toEqual({
      idleAfter: 90,
      exitIntent: false,
      events: new Set(),
      landing: false,
      agentsOnline: false,
    });
    const all = needsOf([
      rule(on('exit_intent', { negate: true }), on('event', { name: 'coupon_failed' })),
      rule(on('utm', { param: 'source', match: 'glob', pattern: 'news' }), on('agents_online')),
      rule(on('referrer', { match: 'glob', pattern: '*google*' }), on('event', { name: 'size_guide' })),
    ]);
    expect(all).toEqual({
      idleAfter: null,
      exitIntent: true,
      events: new Set(['coupon_failed', 'size_guide']),
      landing: true,
      agentsOnline: true,
    });
  });
});
