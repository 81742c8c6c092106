import type { VisitorClientEvents, VisitorHandshake, VisitorServerEvents } from '@mostrador/shared';
import { SOCKET_PATH, VISITOR_NAMESPACE } from '@mostrador/shared/limits';
import { Manager, type Socket } from 'socket.io-client';
import { ACK_TIMEOUT_MS, TIMED_OUT, type VisitorTransport } from './visitorTransport.ts';

export interface SocketTransportOptions {
  serverOrigin: string;
  siteKey: string;
  /** Read on every (re)connect, so a reconnect presents the latest token. */
  getToken(): string | undefined;
}

type AckWithTimeout = (error: Error | null, result: unknown) => void;
type LooseEmit = (event: string, payload: unknown, ack: AckWithTimeout) => void;
type LooseOn = (event: string, listener: (...args: never[]) => void) => void;

/** The real transport: Socket.IO on the `/visitor` namespace. Does not connect until asked. */
export function createSocketTransport(options: SocketTransportOptions): VisitorTransport {
  // A Manager of our own rather than `io()`: one socket per page needs no
  // connection cache, and the URL parsing behind it stays out of the bundle.
  const manager = new Manager(options.serverOrigin, {
    path: SOCKET_PATH,
    // WebSocket only: every browser a shop sells to has it, the connection
    // starts one round trip sooner, and the long-polling transport (and its
    // upgrade dance) stays out of the bundle. Like Chatwoot's and Crisp's widgets.
    transports: ['websocket'],
    upgrade: false,
    autoConnect: false,
  });
  const socket: Socket<VisitorServerEvents, VisitorClientEvents> = manager.socket(VISITOR_NAMESPACE, {
    auth: (cb) => {
      const token = options.getToken();
      // The server evaluates the site's trigger rules for this tab (see triggers/serverTriggers.ts).
      const handshake: VisitorHandshake = { siteKey: options.siteKey, triggers: 'server', ...(token && { token }) };
      cb(handshake);
    },
  });
  // Socket.IO's generic event typing does not follow a generic key through;
  // the VisitorTransport signature is what keeps callers type-safe.
  const on = socket.on.bind(socket) as unknown as LooseOn;

  return {
    get connected() {
      return socket.connected;
    },
    on: (event, listener) => on(event, listener),
    onDisconnect: (listener) => socket.on('disconnect', (reason) => listener(reason)),
    // The server sends a refusal's code as its message (and as data.code); the message is the shorter read.
    onConnectError: (listener) =>
      socket.on('connect_error', (error) =>
        listener(socket.active, error.message, (error as { data?: { retryAfterMs?: number } }).data?.retryAfterMs),
      ),
    request(event, payload) {
      const timed = socket.timeout(ACK_TIMEOUT_MS);
      const emit = timed.emit.bind(timed) as unknown as LooseEmit;
      return new Promise((resolve) => {
        emit(event, payload, (error, result) => resolve(error ? TIMED_OUT : (result as never)));
      });
    },
    notify(event, payload) {
      (socket.emit.bind(socket) as unknown as LooseEmit)(event, payload, () => {});
    },
    connect: () => void socket.connect(),
  };
}
