import { ORIGIN_NOT_ALLOWED } from '@mostrador/shared/limits';
import type { VisitorTransport } from '../transport/visitorTransport.ts';

/** How often a refused page asks again: it recovers once the origin is allowed, without flooding the server. */
export const REFUSED_RETRY_MS = 30_000;

/**
 * A page whose origin the site does not allow: every handshake is refused
 * with ORIGIN_NOT_ALLOWED. The visitor's identity is not at fault, so it is
 * kept; the chat says it is unavailable and asks again now and then.
 */
export function createOriginRefusal(transport: VisitorTransport, refused: () => void) {
  let retry: ReturnType<typeof setTimeout> | undefined;
  return {
    /** True when `reason` was this refusal (and is handled). */
    handle(reason: string): boolean {
      if (reason !== ORIGIN_NOT_ALLOWED) return false;
      refused();
      clearTimeout(retry);
      retry = setTimeout(() => transport.connect(), REFUSED_RETRY_MS);
      return true;
    },
    stop: () => clearTimeout(retry),
  };
}
