import { isIPv6 } from 'node:net';

/** The part of a Node request (or a Socket.IO handshake's request) needed to tell who sent it. */
export interface ClientRequest {
  headers: { [name: string]: string | string[] | undefined };
  socket: { remoteAddress?: string | undefined };
}

/**
 * The client's address, as Fastify's `request.ip` gives it: with
 * `trustProxy`, the first address in X-Forwarded-For; otherwise the peer.
 */
export function clientIp(request: ClientRequest, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = trustProxy ? (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() : undefined;
  return first || request.socket.remoteAddress || 'unknown';
}

/**
 * The key a limit counts an address under. An IPv6 user holds a whole /64
 * (and can pick any address in it), so the /64 is the key, as
 * most rate limiters do; an IPv4-mapped IPv6 address counts as IPv4.
 */
export function limitKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back] : front;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
