import type { Result, SessionEstablished, VisitorServerEvents } from '@mostrador/shared';
import {
  TIMED_OUT,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type NotifiedCommand,
  type Outcome,
  type VisitorTransport,
} from './visitorTransport.ts';

/** A request the code under test made, waiting for the test to answer it. */
export interface PendingRequest<K extends CommandName = CommandName> {
  event: K;
  payload: CommandRequest<K>;
  reply(result: Result<CommandResponse<K>>): void;
  timeOut(): void;
}

type Listener = (...args: never[]) => void;

/**
 * An in-memory stand-in for the `/visitor` socket, for tests: the test plays
 * the server by emitting facts and answering requests by hand.
 */
export class FakeTransport implements VisitorTransport {
  connected = false;
  connectCalls = 0;
  readonly requests: PendingRequest[] = [];
  /** Typing hints, in order. */
  readonly notifications: CommandRequest<'typing:set'>[] = [];
  /** Every fire-and-forget command, in order, with its name. */
  readonly notified: Array<{ [K in NotifiedCommand]: { event: K; payload: CommandRequest<K> } }[NotifiedCommand]> = [];
  private readonly listeners = new Map<string, Listener[]>();

  on<K extends keyof VisitorServerEvents>(event: K, listener: VisitorServerEvents[K]): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as Listener]);
  }
  onDisconnect(listener: (reason: string) => void): void {
    this.on('disconnect' as keyof VisitorServerEvents, listener as never);
  }
  onConnectError(listener: (willRetry: boolean, reason: string, retryAfterMs?: number) => void): void {
    this.on('connect_error' as keyof VisitorServerEvents, listener as never);
  }

  request<K extends CommandName>(event: K, payload: CommandRequest<K>): Promise<Outcome<CommandResponse<K>>> {
    return new Promise((resolve) => {
      const pending: PendingRequest<K> = {
        event,
        payload,
        reply: (result) => {
          this.requests.splice(this.requests.indexOf(pending as never), 1);
          resolve(result);
        },
        timeOut: () => {
          this.requests.splice(this.requests.indexOf(pending as never), 1);
          resolve(TIMED_OUT);
        },
      };
      this.requests.push(pending as never);
    });
  }

  notify<K extends NotifiedCommand>(event: K, payload: CommandRequest<K>): void {
    this.notified.push({ event, payload } as (typeof this.notified)[number]);
    if (event === 'typing:set') this.notifications.push(payload as CommandRequest<'typing:set'>);
  }

  connect(): void {
    this.connectCalls += 1;
  }

  /** Test side: deliver a server fact. */
  emit<K extends keyof VisitorServerEvents>(event: K, payload: Parameters<VisitorServerEvents[K]>[0]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: unknown) => void)(payload);
  }

  /** Test side: the socket connects and the server greets it. */
  establish(session: SessionEstablished): void {
    this.connected = true;
    this.emit('session:established', session);
  }

  drop(reason = 'transport close'): void {
    this.connected = false;
    for (const listener of this.listeners.get('disconnect') ?? []) (listener as (r: string) => void)(reason);
  }

  refuse(willRetry: boolean, reason = 'unauthorized', retryAfterMs?: number): void {
    for (const listener of this.listeners.get('connect_error') ?? [])
      (listener as (w: boolean, r: string, ms?: number) => void)(willRetry, reason, retryAfterMs);
  }

  /** The oldest unanswered request for `event`; throws if there is none, so tests fail loudly. */
  take<K extends CommandName>(event: K): PendingRequest<K> {
    const found = this.requests.find((r) => r.event === event);
    if (!found) throw new Error(`No pending ${event} request (have: ${this.requests.map((r) => r.event).join(', ')})`);
    return found as unknown as PendingRequest<K>;
  }

  pending(event: CommandName): PendingRequest[] {
    return this.requests.filter((r) => r.event === event);
  }
}

/** Lets queued promise callbacks run (works under fake timers), so the code under test reaches its next await. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}
