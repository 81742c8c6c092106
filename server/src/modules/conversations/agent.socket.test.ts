import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { AGENT_NAMESPACE, SOCKET_PATH } from '@mostrador/shared';
import {
  AGENT_PASSWORD,
  agentCommand,
  connectAgent,
  connected,
  connectVisitorSession,
  login,
  visitorCommand,
  type AgentSocket,
} from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/**
 * The console's socket: a live session is not enough, the page must be the
 * console's own (the server's origin, or one the host configured), so a
 * page elsewhere that rides the agent's cookie, or a client that sends no
 * Origin at all, is refused at the handshake. And a list asked for with no
 * view is the agent's own chats.
 */
const CONSOLE_ELSEWHERE = 'https://console.example';
const scope = serverPerTest({ consoleOrigins: [CONSOLE_ELSEWHERE] });
const { sockets } = scope;

/** The handshake's outcome for a console socket with these headers (and no retries). */
function handshake(headers: Record<string, string>): Promise<'connected' | string> {
  const socket = io(`${scope.server.url}${AGENT_NAMESPACE}`, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    extraHeaders: headers,
    forceNew: true,
    reconnection: false,
  }) as AgentSocket;
  sockets.push(socket);
  return connected(socket).then(
    () => 'connected',
    (error: Error) => error.message,
  );
}

describe('the console’s socket', () => {
  it('opens only from the console’s own origins, never without an Origin or from another page', async () => {
    const cookie = await login(scope.server.url, scope.server.agentEmail, AGENT_PASSWORD);
    expect(await handshake({ cookie, origin: scope.server.url })).toBe('connected');
    expect(await handshake({ cookie, origin: CONSOLE_ELSEWHERE })).toBe('connected');
    expect(await handshake({ cookie })).toBe('forbidden_origin');
    expect(await handshake({ cookie, origin: 'https://evil.example' })).toBe('forbidden_origin');
    expect(await handshake({ origin: scope.server.url })).toBe('unauthorized');
  });

  it('lists the agent’s own chats when asked with no view', async () => {
    const cookie = await login(scope.server.url, scope.server.agentEmail, AGENT_PASSWORD);
    const marta = connectAgent(scope.server.url, cookie);
    sockets.push(marta);
    await connected(marta);
    const { socket } = await connectVisitorSession(scope.server);
    sockets.push(socket);
    const sent = await visitorCommand(socket, 'message:send', { clientId: 'v-agent-socket-1', body: 'hola' });
    if (!sent.ok) throw new Error(sent.error.message);
    const listed = await agentCommand(marta, 'conversation:list', {});
    expect(listed.ok && listed.data.conversations.map((c) => c.id)).toEqual([sent.data.conversation.id]);
  });
});
