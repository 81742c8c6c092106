import type { RequestOf, ResponseOf, Result, VisitorClientEvents, VisitorServerEvents } from '@mostrador/shared';

/** How long a command waits for its ack before we treat the connection as gone. */
export const ACK_TIMEOUT_MS = 10_000;

export const TIMED_OUT = 'timeout';
/** An ack, or `'timeout'` when none came (slow server, or the socket dropped). */
export type Outcome<T> = Result<T> | typeof TIMED_OUT;

export type CommandName = keyof VisitorClientEvents;
export type NotifiedCommand =
  | 'typing:set'
  | 'page:viewed'
  | 'cart:updated'
  | 'trigger:opened'
  | 'trigger:signal'
  | 'trigger:shown'
  | 'trigger:declined'
  | 'read:mark';
export type CommandRequest<K extends CommandName> = RequestOf<VisitorClientEvents, K>;
export type CommandResponse<K extends CommandName> = ResponseOf<VisitorClientEvents, K>;

/**
 * The part of the `/visitor` socket the chat logic uses. Kept this small so
 * tests can drive the chat with a fake, and the logic never sees Socket.IO.
 */
export interface VisitorTransport {
  readonly connected: boolean;
  on<K extends keyof VisitorServerEvents>(event: K, listener: VisitorServerEvents[K]): void;
  onDisconnect(listener: (reason: string) => void): void;
  /**
   * `willRetry` is false when the server refused the handshake: Socket.IO then stops trying.
   * `reason` is the refusal's code (e.g. ORIGIN_NOT_ALLOWED), or a transport error's message;
   * `retryAfterMs` comes with a refusal for too many new visitors from one address.
   */
  onConnectError(listener: (willRetry: boolean, reason: string, retryAfterMs?: number) => void): void;
  request<K extends CommandName>(event: K, payload: CommandRequest<K>): Promise<Outcome<CommandResponse<K>>>;
  /**
   * Fire-and-forget: typing hints are worthless once late; page and cart
   * reports, trigger signals and read marks are sent again after every
   * reconnect; an invitation shown, declined or opened is a statistic
   * (Socket.IO buffers it while disconnected). So no ack is awaited.
   */
  notify<K extends NotifiedCommand>(event: K, payload: CommandRequest<K>): void;
  connect(): void;
}
