import { AGENT_NAMESPACE, SOCKET_PATH } from '@mostrador/shared/limits';
import { io, type Socket } from 'socket.io-client';
import type { AgentClientEvents, AgentServerEvents } from '@mostrador/shared';
import type { AgentConnection, CommandResult, ConnectionStatus, FactName, FactPayload } from './agentConnection.ts';

export const COMMAND_TIMEOUT_MS = 10_000;

type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

/** What the server's namespace middleware says when the session cookie is missing or stale. */
const UNAUTHORIZED = 'unauthorized';

type LooseEmitter = {
  emit(name: string, payload: unknown, ack: (error: Error | null, result: unknown) => void): void;
};
type LooseListener = {
  on(name: string, listener: (payload: unknown) => void): void;
  off(name: string, listener: (payload: unknown) => void): void;
};

/** The `/agent` socket on this origin, authenticated by the session cookie. */
export function connectAgentSocket(): AgentConnection {
  const socket: AgentSocket = io(AGENT_NAMESPACE, {
    path: SOCKET_PATH,
    transports: ['websocket', 'polling'],
    // Where a proxy blocks WebSocket, fall back to long-polling instead of failing.
    tryAllTransports: true,
    withCredentials: true,
  });
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const tell = (status: ConnectionStatus): void => {
    for (const listener of statusListeners) listener(status);
  };

  socket.on('connect', () => tell('connected'));
  socket.on('disconnect', (reason) => {
    tell('disconnected');
    // After a server-side disconnect Socket.IO does not retry by itself; trying
    // once more either restores the session or reveals that it has ended.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error) => {
    if (error.message === UNAUTHORIZED) {
      socket.disconnect();
      tell('unauthorized');
    } else {
      tell('disconnected');
    }
  });

  return {
    get connected() {
      return socket.connected;
    },
    request(name, payload) {
      // Socket.IO would buffer the command and replay it on reconnect; the
      // store already resends what matters then, so refuse rather than queue.
      if (!socket.connected) {
        return Promise.resolve({
          ok: false,
          error: { code: 'disconnected', message: 'Not connected' },
        });
      }
      const emitter = socket.timeout(COMMAND_TIMEOUT_MS) as unknown as LooseEmitter;
      return new Promise((resolve) => {
        emitter.emit(name, payload, (error, result) => {
          if (error) {
            resolve({ ok: false, error: { code: 'timeout', message: error.message } });
          } else {
            resolve(result as CommandResult<never>);
          }
        });
      });
    },
    on<Name extends FactName>(name: Name, listener: (payload: FactPayload<Name>) => void) {
      const target = socket as unknown as LooseListener;
      const untyped = listener as (payload: unknown) => void;
      target.on(name, untyped);
      return () => target.off(name, untyped);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    close() {
      statusListeners.clear();
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
