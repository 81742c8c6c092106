/** The allowed-origins entry meaning "the Mostrador server itself" (its demo shop). */
export const SELF_ORIGIN = 'self';

/**
 * Whether a browser page at `origin` may open a visitor socket for a site.
 * Browsers always send Origin on WebSocket and CORS requests, so a missing
 * one is refused rather than trusted.
 */
export function isOriginAllowed(origin: string | undefined, allowedOrigins: readonly string[], serverOrigin: string): boolean {
  if (!origin) return false;
  const normalized = normalizeOrigin(origin);
  if (normalized === null) return false;
  return allowedOrigins.some((entry) => (entry === SELF_ORIGIN ? normalized === serverOrigin : normalizeOrigin(entry) === normalized));
}

export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The origin the request was addressed to, from its Host header. */
export function serverOriginOf(
  headers: { host?: string | undefined; 'x-forwarded-proto'?: string | string[] | undefined },
  trustProxy: boolean,
): string {
  const forwarded = headers['x-forwarded-proto'];
  const proto = trustProxy && typeof forwarded === 'string' ? forwarded.split(',')[0]!.trim() : 'http';
  return `${proto}://${headers.host ?? 'localhost'}`;
}
