import { describe, expect, it } from 'vitest';
import { bounceAddress, conversationIdFromAddress, outboxIdFromBounceAddress, replyAddress, replyToken } from './reply-address.ts';

const ID = 'cnv_AbC-dEf_GhIjKlMn';

describe('reply-to addresses', () => {
  it('round-trips a conversation id through a lowercase address', () => {
    const address = replyAddress(ID, 'mail.shop.example');
    expect(address).toMatch(/^reply\+[0-9a-f]{24}@mail\.shop\.example$/);
    expect(conversationIdFromAddress(address, 'mail.shop.example')).toBe(ID);
  });

  it('survives a mail system that upper-cases the address', () => {
    const address = replyAddress(ID, 'mail.shop.example').toUpperCase();
    expect(conversationIdFromAddress(address, 'mail.shop.example')).toBe(ID);
  });

  it('refuses another domain, a malformed token and a plain address', () => {
    const token = replyToken(ID);
    expect(conversationIdFromAddress(`reply+${token}@other.example`, 'mail.shop.example')).toBeNull();
    expect(conversationIdFromAddress(`reply+${token.slice(1)}@mail.shop.example`, 'mail.shop.example')).toBeNull();
    expect(conversationIdFromAddress(`reply+${token}z@mail.shop.example`, 'mail.shop.example')).toBeNull();
    expect(conversationIdFromAddress('support@mail.shop.example', 'mail.shop.example')).toBeNull();
  });

  it('refuses to mint an address for something that is not a conversation id', () => {
    expect(() => replyToken('vis_AbC-dEf_GhIjKlMn')).toThrow();
    expect(() => replyToken('cnv_short')).toThrow();
  });

  it('round-trips an outbox id through a bounce address, which never passes for a reply address (nor the other way)', () => {
    const row = 'eml_AbC-dEf_GhIjKlMn';
    const address = bounceAddress(row, 'mail.shop.example');
    expect(address).toMatch(/^bounce\+[0-9a-f]{24}@mail\.shop\.example$/);
    expect(outboxIdFromBounceAddress(address.toUpperCase(), 'mail.shop.example')).toBe(row);
    expect(conversationIdFromAddress(address, 'mail.shop.example')).toBeNull();
    expect(outboxIdFromBounceAddress(replyAddress(ID, 'mail.shop.example'), 'mail.shop.example')).toBeNull();
    expect(outboxIdFromBounceAddress(address, 'other.example')).toBeNull();
    expect(() => bounceAddress(ID, 'mail.shop.example')).toThrow();
  });
});
