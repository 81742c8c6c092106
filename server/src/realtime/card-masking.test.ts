import { describe, expect, it } from 'vitest';
import { ok, type Command } from '@mostrador/shared';
import { maskCardsIn, maskingCardNumbers } from './card-masking.ts';

describe('maskCardsIn', () => {
  it('masks every free-text string, nested in objects and arrays', () => {
    const payload = {
      body: 'mi tarjeta es 4111-1111-1111-1111',
      cart: { items: [{ name: 'Regal 5555 5555 5555 4444', price: 10 }] },
      draft: null,
    };
    expect(maskCardsIn(payload)).toEqual({
      body: 'mi tarjeta es ••••-••••-••••-1111',
      cart: { items: [{ name: 'Regal •••• •••• •••• 4444', price: 10 }] },
      draft: null,
    });
  });

  it('leaves identifiers and the identity hash alone, and phone numbers, IBANs and orders in text', () => {
    const text = 'truca al +34 612 345 678, IBAN ES91 2100 0418 4502 0005 1332, comanda #100234';
    const payload = { id: '4111111111111111', hash: 'ab'.repeat(32), conversationId: '4111111111111111', body: text };
    expect(maskCardsIn(structuredClone(payload))).toEqual(payload);
  });
});

describe('maskingCardNumbers', () => {
  it('hands each handler its payload with card numbers masked', async () => {
    interface Events {
      'note:send': Command<{ text: string }, { text: string }>;
    }
    const handlers = maskingCardNumbers<Events>({ 'note:send': (p) => ok({ text: p.text }) });
    expect(await handlers['note:send']({ text: 'la meva targeta és 4111 1111 1111 1111' })).toEqual(
      ok({ text: 'la meva targeta és •••• •••• •••• 1111' }),
    );
  });
});
