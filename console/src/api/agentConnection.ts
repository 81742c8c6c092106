import type { AgentClientEvents, AgentServerEvents, ErrorBody, RequestOf, ResponseOf } from '@mostrador/shared';

export type CommandName = keyof AgentClientEvents;
export type FactName = keyof AgentServerEvents;

export type FactPayload<Name extends FactName> = Parameters<AgentServerEvents[Name]>[0];

/**
 * Failures that never reach the server: no answer within the time limit, or
 * no connection to send on. Either way the command may be repeated.
 */
export interface TransportError {
  code: 'timeout' | 'disconnected';
  message: string;
}

export type CommandResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody | TransportError };

export type ConnectionStatus = 'connected' | 'disconnected' | 'unauthorized';

/**
 * What the console needs from the `/agent` socket. Components and the store
 * depend on this, not on Socket.IO, so tests can drive them with a fake.
 */
export interface AgentConnection {
  readonly connected: boolean;
  request<Name extends CommandName>(
    name: Name,
    payload: RequestOf<AgentClientEvents, Name>,
  ): Promise<CommandResult<ResponseOf<AgentClientEvents, Name>>>;
  on<Name extends FactName>(name: Name, listener: (payload: FactPayload<Name>) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
}

export function isTransportError(error: ErrorBody | TransportError): error is TransportError {
  return error.code === 'timeout' || error.code === 'disconnected';
}
