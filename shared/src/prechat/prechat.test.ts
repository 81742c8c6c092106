import { describe, expect, it } from 'vitest';
import { preChatMissing } from './prechat.ts';

describe('preChatMissing', () => {
  it('asks nothing when the site asks nothing', () => {
    expect(preChatMissing('off', null)).toBe(false);
    expect(preChatMissing(undefined, null)).toBe(false);
  });

  it('asks for an email until the shop has one', () => {
    expect(preChatMissing('email', null)).toBe(true);
    expect(preChatMissing('email', { email: 'ana@example.com', name: null })).toBe(false);
  });

  it('asks for a name as well when the site wants both', () => {
    expect(preChatMissing('name_email', { email: 'ana@example.com', name: null })).toBe(true);
    expect(preChatMissing('name_email', { email: 'ana@example.com', name: 'Ana' })).toBe(false);
    expect(preChatMissing('name_email', null)).toBe(true);
  });
});
