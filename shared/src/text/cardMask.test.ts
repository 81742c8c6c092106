import { describe, expect, it } from 'vitest';
import { maskCardNumbers, mayHoldCardNumber } from './cardMask.ts';

describe('maskCardNumbers', () => {
  it('masks a spaced card in a Catalan sentence, keeping separators and the last four digits', () => {
    expect(maskCardNumbers('la meva targeta és 4111 1111 1111 1111')).toBe('la meva targeta és •••• •••• •••• 1111');
  });

  it('masks a dashed card in a Spanish sentence', () => {
    expect(maskCardNumbers('mi tarjeta es 4111-1111-1111-1111, gracias')).toBe('mi tarjeta es ••••-••••-••••-1111, gracias');
  });

  it('masks a 15-digit Amex grouped 4-6-5', () => {
    expect(maskCardNumbers('Amex: 3782 822463 10005.')).toBe('Amex: •••• •••••• •0005.');
  });

  it('masks 16 digits without separators', () => {
    expect(maskCardNumbers('5555555555554444')).toBe('••••••••••••4444');
  });

  it('masks 19-digit and 12-digit cards', () => {
    expect(maskCardNumbers('card 4111 1111 1111 1111 110')).toBe('card •••• •••• •••• •••1 110');
    expect(maskCardNumbers('maestro 501800000009')).toBe('maestro ••••••••0009');
  });

  it('masks several cards in one text', () => {
    expect(maskCardNumbers('first 4111111111111111 then 6011-1111-1111-1117 or 3782 822463 10005')).toBe(
      'first ••••••••••••1111 then ••••-••••-••••-1117 or •••• •••••• •0005',
    );
  });

  it('masks a card followed by its CVV in the same run of groups, leaving the CVV', () => {
    expect(maskCardNumbers('4111 1111 1111 1111 123')).toBe('•••• •••• •••• 1111 123');
  });

  it('leaves phone numbers alone', () => {
    const text = 'truca al +34 612 345 678 o +44 20 7946 0958 o 612 34 56 78, o al 0034 612 345 678';
    expect(maskCardNumbers(text)).toBe(text);
  });

  it('leaves order numbers alone, including a date-shaped one that passes Luhn', () => {
    // 202403120001 passes Luhn: only the issuer prefix tells it from a card.
    const text = 'pedido #100234567, comanda 1002345, pedido nº 20240312-0001 y 202403120001';
    expect(maskCardNumbers(text)).toBe(text);
  });

  it('leaves numbers failing Luhn alone', () => {
    expect(maskCardNumbers('4111 1111 1111 1112')).toBe('4111 1111 1111 1112');
  });

  it('does not mask a card number embedded in a longer digit run or after + or #', () => {
    const text = 'ref 004111111111111111100, #4111111111111111, +4111111111111111';
    expect(maskCardNumbers(text)).toBe(text);
  });

  it('does not join groups across double spaces or other punctuation into one number', () => {
    const text = '4111 1111  1111 1111 and 4111.1111.1111.1111';
    expect(maskCardNumbers(text)).toBe(text);
  });

  it('leaves a 20-digit number alone, even one that starts with a Luhn-valid card', () => {
    expect(maskCardNumbers('ref 41111111111111111111')).toBe('ref 41111111111111111111');
    expect(maskCardNumbers('12345678901234567890')).toBe('12345678901234567890');
  });

  it('leaves IBANs alone, spaced or not, in Catalan and Spanish sentences', () => {
    // ES67 7937 5424 1606 3673 3700 holds a Luhn-valid span (5424 1606 3673) that a group search would mask.
    const ca = "l'IBAN és ES91 2100 0418 4502 0005 1332, o bé es67 7937 5424 1606 3673 3700";
    const es = 'transferid a ES6779375424160636733700 o DE89 3704 0044 0532 0130 00, pedido #100234';
    expect(maskCardNumbers(ca)).toBe(ca);
    expect(maskCardNumbers(es)).toBe(es);
  });

  it('leaves a thousand spaced Spanish IBANs alone', () => {
    let seed = 7;
    const digit = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % 10);
    for (let i = 0; i < 1000; i++) {
      const digits = Array.from({ length: 22 }, digit).join('');
      const iban = `ES${digits.slice(0, 2)} ${digits.slice(2).replace(/(\d{4})(?=\d)/g, '$1 ')}`;
      expect(maskCardNumbers(`IBAN: ${iban}.`)).toBe(`IBAN: ${iban}.`);
    }
  });

  it('masks a card beside a phone number, an IBAN and an order number in one message', () => {
    expect(
      maskCardNumbers('Hola, soc al +34 612 345 678, comanda #100234, IBAN ES91 2100 0418 4502 0005 1332 i targeta 5555 5555 5555 4444.'),
    ).toBe('Hola, soc al +34 612 345 678, comanda #100234, IBAN ES91 2100 0418 4502 0005 1332 i targeta •••• •••• •••• 4444.');
    expect(maskCardNumbers('Pedido #100234: pagué con la 4111-1111-1111-1111 y llamé al 612 345 678')).toBe(
      'Pedido #100234: pagué con la ••••-••••-••••-1111 y llamé al 612 345 678',
    );
  });

  it('returns text with fewer than 12 digits as is', () => {
    const text = 'talla 42, 3 unitats, codi 12345';
    expect(maskCardNumbers(text)).toBe(text);
    expect(maskCardNumbers('')).toBe('');
  });

  it('stays fast on a long list of short numbers', () => {
    const text = '5 '.repeat(5_000);
    expect(maskCardNumbers(text)).toBe(text);
  });
});

describe('mayHoldCardNumber', () => {
  it('is true for every text with a card number and false for short or scattered digits', () => {
    expect(mayHoldCardNumber('mi tarjeta es 4111-1111-1111-1111')).toBe(true);
    expect(mayHoldCardNumber('maestro 501800000009')).toBe(true);
    expect(mayHoldCardNumber('talla 42, 3 unitats, codi 12345, comanda #100234')).toBe(false);
    expect(mayHoldCardNumber('4111 1111  1111 1111')).toBe(false);
  });
});
