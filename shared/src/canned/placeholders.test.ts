import { describe, expect, it } from 'vitest';
import { askText, fillPlaceholders, firstName, pickVersion } from './placeholders.ts';

describe('fillPlaceholders', () => {
  it('fills known values and keeps the text around them', () => {
    const filled = fillPlaceholders('Hi {{visitor.first_name|there}}, I am {{agent.name}} from {{shop.name}}.', {
      'visitor.first_name': 'Núria',
      'agent.name': 'Pau',
      'shop.name': 'Botiga',
    });
    expect(filled).toEqual({ text: 'Hi Núria, I am Pau from Botiga.', asks: [] });
  });

  it('uses the fallback when the value is unknown or blank', () => {
    expect(fillPlaceholders('Hi {{visitor.first_name|there}}!', {}).text).toBe('Hi there!');
    expect(fillPlaceholders('Hi {{ visitor.first_name | there }}!', { 'visitor.first_name': '  ' }).text).toBe('Hi there!');
  });

  it('turns an ask into a prompt and reports where it sits', () => {
    const filled = fillPlaceholders('Your parcel {{ask:tracking number}} left today.', {});
    expect(filled.text).toBe(`Your parcel ${askText('tracking number')} left today.`);
    expect(filled.asks).toEqual([{ start: 12, end: 12 + '[tracking number]'.length, label: 'tracking number' }]);
    const [ask] = filled.asks;
    expect(filled.text.slice(ask!.start, ask!.end)).toBe('[tracking number]');
  });

  it('asks for a known value that is missing and has no fallback, rather than sending a gap', () => {
    const filled = fillPlaceholders('Your cart comes to {{cart.total}}.', { 'cart.total': null });
    expect(filled.text).toBe('Your cart comes to [cart.total].');
    expect(filled.asks.map((a) => a.label)).toEqual(['cart.total']);
  });

  it('leaves an unknown name as written, so a typo shows', () => {
    expect(fillPlaceholders('Hi {{visiter.name}}', {}).text).toBe('Hi {{visiter.name}}');
  });

  it('keeps ask offsets right after earlier values change the length', () => {
    const filled = fillPlaceholders('{{product.name}}: {{ask:size}} / {{ask:colour}}', { 'product.name': 'Samarreta llarga' });
    expect(filled.asks.map((a) => filled.text.slice(a.start, a.end))).toEqual(['[size]', '[colour]']);
  });
});

describe('firstName', () => {
  it('takes the first word, or null when there is no name', () => {
    expect(firstName('  Anna Puig ')).toBe('Anna');
    expect(firstName('')).toBeNull();
    expect(firstName(null)).toBeNull();
  });
});

describe('pickVersion', () => {
  const bodies = { ca: 'Hola', es: 'Hola (es)', en: 'Hello' };
  it("picks the visitor's language from a full tag", () => {
    expect(pickVersion(bodies, 'es-ES', 'en')).toBe('Hola (es)');
    expect(pickVersion(bodies, 'ca', 'en')).toBe('Hola');
  });
  it("falls back to the console's language, then to any written version", () => {
    expect(pickVersion(bodies, 'fr-FR', 'en')).toBe('Hello');
    expect(pickVersion({ ca: '', es: '', en: 'Hello' }, 'ca', 'es')).toBe('Hello');
    expect(pickVersion({ ca: '', es: '', en: '' }, null, 'es')).toBe('');
  });
});
