import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { identityHash, isValidIdentityHash } from './identity-hash.ts';

const SECRET = 'a3f1c9e07b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f';

describe('identity hashes', () => {
  it('matches what a shop computes with a standard HMAC-SHA256 (as in the README examples)', () => {
    // The RFC 4231 test case 2 vector: key "Jefe", data "what do ya want for nothing?".
    expect(identityHash('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(identityHash(SECRET, 'customer-42')).toBe(createHmac('sha256', SECRET).update('customer-42').digest('hex'));
  });

  it('accepts the right hash in either case', () => {
    const hash = identityHash(SECRET, 'customer-42');
    expect(isValidIdentityHash(SECRET, 'customer-42', hash)).toBe(true);
    expect(isValidIdentityHash(SECRET, 'customer-42', hash.toUpperCase())).toBe(true);
  });

  it('refuses a hash of another id, under another secret, malformed, missing, or with no secret set', () => {
    const hash = identityHash(SECRET, 'customer-42');
    expect(isValidIdentityHash(SECRET, 'customer-43', hash)).toBe(false);
    expect(isValidIdentityHash(`${SECRET}0`, 'customer-42', hash)).toBe(false);
    expect(isValidIdentityHash(SECRET, 'customer-42', hash.slice(0, 63))).toBe(false);
    expect(isValidIdentityHash(SECRET, 'customer-42', `${hash.slice(0, 63)}z`)).toBe(false);
    expect(isValidIdentityHash(SECRET, 'customer-42', undefined)).toBe(false);
    // The right hash with anything before or after it is malformed, not "close enough".
    expect(isValidIdentityHash(SECRET, 'customer-42', `${hash}z`)).toBe(false);
    expect(isValidIdentityHash(SECRET, 'customer-42', `${hash}00`)).toBe(false);
    expect(isValidIdentityHash(SECRET, 'customer-42', `z${hash}`)).toBe(false);
    expect(isValidIdentityHash(SECRET, 'customer-42', `00${hash}`)).toBe(false);
    expect(isValidIdentityHash('', 'customer-42', identityHash('', 'customer-42'))).toBe(false);
  });
});
