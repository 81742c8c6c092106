import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the shop's server computes: HMAC-SHA256 of the customer id under the site's secret, in hex. */
export function identityHash(secret: string, customerId: string): string {
  return createHmac('sha256', secret).update(customerId, 'utf8').digest('hex');
}

/** Constant-time comparison, so response timing tells a forger nothing about how close a guess was. */
export function isValidIdentityHash(secret: string, customerId: string, hash: string | undefined): boolean {
  if (!secret || !hash || !/^[0-9a-fA-F]{64}$/.test(hash)) return false;
  const expected = Buffer.from(identityHash(secret, customerId), 'hex');
  return timingSafeEqual(expected, Buffer.from(hash, 'hex'));
}
