import type { RuleCondition, TriggerFrequency } from '@mostrador/shared';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../i18n/index.ts';
import { describeRule } from './summary.ts';

/** Intl puts no-break spaces in "100 €" and "45 s"; the tests read them as plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const session: TriggerFrequency = { kind: 'once_per_session' };

function reads(conditions: RuleCondition[], language: Language = 'en', frequency: TriggerFrequency = session) {
  return plain(describeRule({ conditions, frequency }, language));
}

/** One condition, plain and negated, as the clause between "When" and the frequency. */
function clauses(condition: RuleCondition) {
  const clause = (negate: boolean) =>
    reads([{ ...condition, negate }])
      .replace(/^When /, '')
      .replace(/, once per session$/, '');
  return [clause(false), clause(true)];
}

describe('describeRule', () => {
  it('reads the example rule in each language', () => {
    const rule: RuleCondition[] = [
      { type: 'cart_value', op: 'gte', amount: 100, currency: 'EUR', negate: false },
      { type: 'time_on_page', seconds: 45, negate: false },
    ];
    expect(reads(rule, 'en')).toBe('When cart value ≥ €100 and time on page ≥ 45 s, once per session');
    expect(reads(rule, 'ca')).toBe('Quan el valor de la cistella és ≥ 100 € i el temps a la pàgina ≥ 45 s, un cop per sessió');
    expect(reads(rule, 'es')).toBe('Cuando el valor del carrito es ≥ 100 € y el tiempo en la página ≥ 45 s, una vez por sesión');
  });

  it('reads every time and count condition, negated as the opposite comparison', () => {
    expect(clauses({ type: 'time_on_page', seconds: 45, negate: false })).toEqual(['time on page ≥ 45 s', 'time on page < 45 s']);
    expect(clauses({ type: 'time_on_site', seconds: 150, negate: false })).toEqual([
      'time on site ≥ 2 min 30 s',
      'time on site < 2 min 30 s',
    ]);
    expect(clauses({ type: 'idle', seconds: 3600, negate: false })).toEqual(['idle for ≥ 1 h', 'idle for < 1 h']);
    expect(clauses({ type: 'checkout_idle', seconds: 60, negate: false })).toEqual([
      'idle at checkout for ≥ 1 min',
      'not idle at checkout for 1 min',
    ]);
    expect(clauses({ type: 'pages_viewed', min: 3, negate: false })).toEqual(['pages viewed ≥ 3', 'pages viewed < 3']);
    expect(clauses({ type: 'cart_items', min: 2, negate: false })).toEqual(['items in cart ≥ 2', 'items in cart < 2']);
  });

  it('reads page, source and campaign matches, globs quoted and regular expressions between slashes', () => {
    expect(clauses({ type: 'url', match: 'glob', pattern: '/products/*', negate: false })).toEqual([
      'the page address matches “/products/*”',
      'the page address does not match “/products/*”',
    ]);
    expect(clauses({ type: 'referrer', match: 'regex', pattern: 'google\\.', negate: false })).toEqual([
      'the referrer matches /google\\./',
      'the referrer does not match /google\\./',
    ]);
    expect(clauses({ type: 'utm', param: 'campaign', match: 'glob', pattern: 'summer-*', negate: false })).toEqual([
      'utm_campaign matches “summer-*”',
      'utm_campaign does not match “summer-*”',
    ]);
  });

  it('reads product pages with and without a minimum price, and cart values both ways', () => {
    expect(clauses({ type: 'product_page', minPrice: null, currency: 'EUR', negate: false })).toEqual([
      'on a product page',
      'not on a product page',
    ]);
    expect(clauses({ type: 'product_page', minPrice: 49.9, currency: 'USD', negate: false })).toEqual([
      'on a product page priced ≥ $49.90',
      'not on a product page priced ≥ $49.90',
    ]);
    expect(clauses({ type: 'cart_value', op: 'lt', amount: 30, currency: 'EUR', negate: false })).toEqual([
      'cart value < €30',
      'cart value ≥ €30',
    ]);
    expect(clauses({ type: 'cart_contains', sku: 'HOOD-M', negate: false })).toEqual([
      'the cart contains SKU HOOD-M',
      'the cart does not contain SKU HOOD-M',
    ]);
  });

  it('reads the visitor, availability and event conditions', () => {
    expect(clauses({ type: 'exit_intent', negate: false })).toEqual(['the visitor is about to leave', 'the visitor is not about to leave']);
    expect(clauses({ type: 'returning_visitor', negate: false })).toEqual([
      'the visitor has been here before',
      'the visitor is here for the first time',
    ]);
    expect(clauses({ type: 'language', languages: ['ca', 'es'], negate: false })).toEqual([
      'the browser language is Catalan or Spanish',
      'the browser language is not Catalan or Spanish',
    ]);
    expect(clauses({ type: 'agents_online', negate: false })).toEqual(['an agent is online', 'no agent is online']);
    expect(clauses({ type: 'event', name: 'size_guide_opened', negate: false })).toEqual([
      'the shop tracked the event “size_guide_opened”',
      'the shop did not track the event “size_guide_opened”',
    ]);
  });

  it('reads business hours with the days collapsed, and "outside business hours" when negated', () => {
    const hours = { type: 'business_hours', timeZone: 'Europe/Madrid', from: '09:00', to: '18:00' } as const;
    expect(clauses({ ...hours, days: [5, 1, 2, 3, 4], negate: false })).toEqual([
      'within business hours (Mon–Fri, 09:00–18:00, Europe/Madrid)',
      'outside business hours (Mon–Fri, 09:00–18:00, Europe/Madrid)',
    ]);
    expect(clauses({ ...hours, days: [1, 3, 6, 0], negate: false })[0]).toBe(
      'within business hours (Mon, Wed, Sat, Sun, 09:00–18:00, Europe/Madrid)',
    );
    expect(clauses({ ...hours, days: [0, 1, 2, 3, 4, 5, 6], negate: true })[1]).toBe(
      'outside business hours (every day, 09:00–18:00, Europe/Madrid)',
    );
  });

  it('joins three or more clauses as a list and names each frequency', () => {
    const conditions: RuleCondition[] = [
      { type: 'product_page', minPrice: null, currency: 'EUR', negate: false },
      { type: 'returning_visitor', negate: true },
      { type: 'agents_online', negate: false },
    ];
    expect(reads(conditions, 'en', { kind: 'once_per_visitor' })).toBe(
      'When on a product page, the visitor is here for the first time, and an agent is online, once per visitor',
    );
    expect(reads([], 'en', { kind: 'every_hours', hours: 24 })).toBe('On any page, at most once every 24 h');
    expect(reads([], 'ca', { kind: 'once_per_visitor' })).toBe('A qualsevol pàgina, un cop per visitant');
  });

  it('reads negations naturally in Catalan and Spanish', () => {
    const notProduct: RuleCondition = { type: 'product_page', minPrice: null, currency: 'EUR', negate: true };
    const closed: RuleCondition = {
      type: 'business_hours',
      timeZone: 'Europe/Madrid',
      days: [1, 2, 3, 4, 5],
      from: '09:00',
      to: '18:00',
      negate: true,
    };
    const noSku: RuleCondition = { type: 'cart_contains', sku: 'GIFT', negate: true };
    expect(reads([notProduct, noSku], 'ca', { kind: 'every_hours', hours: 12 })).toBe(
      'Quan no és en una pàgina de producte i la cistella no conté la referència GIFT, com a màxim un cop cada 12 h',
    );
    expect(reads([closed], 'ca')).toBe("Quan som fora de l'horari d'atenció (dl.–dv., 09:00–18:00, Europe/Madrid), un cop per sessió");
    expect(reads([notProduct, noSku], 'es')).toBe(
      'Cuando no está en una página de producto y el carrito no contiene la referencia GIFT, una vez por sesión',
    );
    expect(reads([{ type: 'language', languages: ['en'], negate: true }], 'es')).toBe(
      'Cuando el idioma del navegador no es inglés, una vez por sesión',
    );
  });
});
