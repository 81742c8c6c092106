import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server } from 'socket.io';
import { clientIp, limitKey } from './client-ip.ts';

/** What a refused client is told to wait: a slot frees when one of its other sockets closes, which no one can predict. */
export const CONNECTION_RETRY_AFTER_SECONDS = 10;

const BODY = JSON.stringify({ error: { code: 'rate_limited', message: 'Too many connections from this address' } });

/** A new engine connection, not a later request of one (polling, upgrade), which carries its session id. */
function opensConnection(request: IncomingMessage): boolean {
  return !/[?&]sid=/.test(request.url ?? '');
}

/** Answers 429 with Retry-After, on a plain HTTP response (polling) or on the raw socket of a WebSocket upgrade. */
function refuse(res: ServerResponse | { socket?: Duplex | null }): void {
  if (res instanceof ServerResponse) {
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(CONNECTION_RETRY_AFTER_SECONDS) });
    res.end(BODY);
    return;
  }
  const socket = res.socket;
  if (!socket?.writable) return;
  socket.end(
    'HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\ncontent-type: application/json\r\n' +
      `retry-after: ${CONNECTION_RETRY_AFTER_SECONDS}\r\ncontent-length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY}`,
  );
}

/**
 * Caps the open Socket.IO connections per client address, widget and
 * console alike. It runs in the engine, before a handshake costs anything: a
 * refused client gets a 429 and Socket.IO's own reconnection backs off. A
 * connection counts from the moment it is let in, so a flood of parallel
 * handshakes cannot slip past the cap, until its engine socket closes (or
 * its handshake fails).
 */
export function limitConnectionsPerIp(io: Server, options: { maxPerIp: number; trustProxy: boolean }): void {
  const { maxPerIp, trustProxy } = options;
  if (maxPerIp === 0) return;
  const open = new Map<string, number>();
  const admitted = new WeakMap<IncomingMessage, string>();
  const release = (key: string) => {
    const left = (open.get(key) ?? 1) - 1;
    if (left > 0) open.set(key, left);
    else open.delete(key);
  };
  /** Releases a connection that was let in but never became an engine socket. */
  const abandon = (request: IncomingMessage) => {
    const key = admitted.get(request);
    if (key === undefined) return;
    admitted.delete(request);
    release(key);
  };

  io.engine.use((request: IncomingMessage, res: ServerResponse, next: (err?: Error) => void) => {
    if (!opensConnection(request)) return next();
    const key = limitKey(clientIp(request, trustProxy));
    const count = open.get(key) ?? 0;
    if (count >= maxPerIp) {
      refuse(res);
      return next(new Error('rate_limited'));
    }
    open.set(key, count + 1);
    admitted.set(request, key);
    // A WebSocket upgrade whose client goes away mid-way never becomes an engine socket nor fails one:
    // its TCP socket closing releases the slot. (A polling handshake always ends in one or the other.)
    if (request.headers.upgrade) request.socket.once('close', () => abandon(request));
    next();
  });
  io.engine.on('connection', (socket: { request: IncomingMessage; once(event: 'close', listener: () => void): void }) => {
    const key = admitted.get(socket.request);
    if (key === undefined) return;
    admitted.delete(socket.request);
    socket.once('close', () => release(key));
  });
  io.engine.on('connection_error', ({ req }: { req: IncomingMessage }) => abandon(req));
}
