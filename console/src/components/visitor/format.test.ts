import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../i18n/index.ts';
import { cartChange } from '../../state/visitorFixtures.ts';
import { cartSentence } from './cartSentence.ts';
import { formatDuration, formatLocalTime, formatMoney, safeHref } from './format.ts';

/** Intl puts no-break spaces around currency signs and units; compare them as plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');
const hoodie = { name: 'Hoodie M', sku: 'HOOD-M' };

describe('formatting for agents', () => {
  it('formats prices in the shop’s currency and the agent’s language', () => {
    expect(plain(formatMoney(84, 'EUR', 'ca'))).toBe('84,00 €');
    expect(plain(formatMoney(1234.5, 'EUR', 'es'))).toBe('1234,50 €');
    expect(formatMoney(84, 'USD', 'en')).toBe('$84.00');
  });

  it('says how long someone stayed, to the two largest units', () => {
    expect(plain(formatDuration(45, 'en'))).toBe('45 sec');
    expect(plain(formatDuration(125, 'ca'))).toBe('2 min 5 s');
    expect(plain(formatDuration(3_780, 'es'))).toBe('1 h 3 min');
  });

  it('gives the visitor’s local time, or nothing for an unknown zone', () => {
    const noonUtc = Date.UTC(2025, 0, 15, 12, 0);
    expect(formatLocalTime(noonUtc, 'Europe/Madrid', 'ca')).toBe('13:00');
    expect(formatLocalTime(noonUtc, 'Mars/Olympus', 'en')).toBeNull();
  });

  it('only lets http(s) addresses become links', () => {
    expect(safeHref('https://shop.test/p?q=1')).toBe('https://shop.test/p?q=1');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,hi')).toBeNull();
  });
});

describe('cartSentence', () => {
  it('reads every kind of cart change as a sentence', () => {
    const t = translatorFor('en');
    const say = (change: Parameters<typeof cartChange>[0]) => plain(cartSentence(cartChange(change), t, 'en'));
    expect(say({ change: 'added', item: hoodie, qty: 2, total: 84 })).toBe('Added 2 × Hoodie M · subtotal €84.00');
    expect(say({ change: 'removed', item: hoodie, qty: 1, total: 42 })).toBe('Removed 1 × Hoodie M · subtotal €42.00');
    expect(say({ change: 'quantity', item: hoodie, qty: 3, total: 126 })).toBe('Quantity of Hoodie M changed to 3 · subtotal €126.00');
    expect(say({ change: 'checkout', total: 126 })).toBe('Started checkout · subtotal €126.00');
    expect(say({ change: 'purchase', total: 126 })).toBe('Purchased · total €126.00');
    expect(say({ change: 'cleared' })).toBe('Emptied the cart');
  });

  it('speaks the agent’s language', () => {
    const change = cartChange({ change: 'added', item: hoodie, qty: 2, total: 84 });
    expect(plain(cartSentence(change, translatorFor('ca'), 'ca'))).toBe('Ha afegit 2 × Hoodie M · subtotal 84,00 €');
    expect(plain(cartSentence(change, translatorFor('es'), 'es'))).toBe('Ha añadido 2 × Hoodie M · subtotal 84,00 €');
  });
});
