import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived links to a file: an HMAC of the attachment's id and the
 * link's expiry under the install's own key. Whoever holds the link can
 * fetch the file until it expires, so links are only handed to the
 * conversation's visitor and agents, and live minutes.
 */
export class LinkSigner {
  constructor(private readonly key: string) {}

  sign(id: string, expiresAt: number): string {
    return createHmac('sha256', this.key).update(`${id}.${expiresAt}`).digest('base64url');
  }

  /** Whether `signature` is this id's and expiry's, and the expiry has not passed. */
  verify(id: string, expiresAt: number, signature: string, now: number): boolean {
    if (expiresAt <= now) return false;
    const expected = Buffer.from(this.sign(id, expiresAt));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
