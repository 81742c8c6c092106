import type { AgentSocket } from './harness.ts';

/** Resolves with the reason the server gave when it closed the socket ('io server disconnect'). */
export function droppedByServer(socket: AgentSocket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

/** Resolves with the handshake error of a reconnection attempt, or 'connected'. */
export function reconnect(socket: AgentSocket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err) => resolve(err.message));
    socket.connect();
  });
}
