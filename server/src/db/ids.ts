import { createHash, randomBytes } from 'node:crypto';

/** Server-minted ids: a readable prefix and 96 random bits. */
export function newId(
  prefix: 'site' | 'agt' | 'vis' | 'cnv' | 'dep' | 'cus' | 'trg' | 'fir' | 'cnr' | 'tag' | 'rat' | 'nps' | 'eml' | 'att',
): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

/** A secret handed to a client once; only its hash is stored. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Public site keys appear in script tags: short, unambiguous, URL-safe. */
export function newSiteKey(): string {
  return randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
}

/** The key a shop's server signs customer ids with: 256 bits, hex, easy to paste into any language. */
export function newIdentitySecret(): string {
  return randomBytes(32).toString('hex');
}
