import { createHmac, timingSafeEqual } from 'node:crypto';

/** A form of a file other than its own bytes: a picture's thumbnail. */
export type FileVariant = 'thumb';

/**
 * Short-lived links to a file: an HMAC of the attachment's id and the
 * link's expiry under the install's own key. Whoever holds the link can
 * fetch the file until it expires, so links are only handed to the
 * conversation's visitor and agents, and live minutes.
 */
export class LinkSigner {
  constructor(private readonly key: string) {}

  /** The variant is signed too: a thumbnail's link never opens the full file, nor the other way round. */
  sign(id: string, expiresAt: number, variant?: FileVariant): string {
    const message = variant ? `${id}.${expiresAt}.${variant}` : `${id}.${expiresAt}`;
    return createHmac('sha256', this.key).update(message).digest('base64url');
  }

  /** Whether `signature` is this id's, expiry's and variant's, and the expiry has not passed. */
  verify(id: string, expiresAt: number, signature: string, now: number, variant?: FileVariant): boolean {
    if (expiresAt <= now) return false;
    const expected = Buffer.from(this.sign(id, expiresAt, variant));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
