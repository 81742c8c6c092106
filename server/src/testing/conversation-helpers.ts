import type { AgentConversationChanged, ConversationEvent, StateEvent } from '@mostrador/shared';
import { agentCommand, connectVisitorSession, visitorCommand, type AgentSocket, type TestServer, type VisitorSocket } from './harness.ts';

/**
 * A shopper whose widget wrote a first message (a returning one with
 * `token`): its session and the conversation the message opened. The socket
 * joins `sockets`, which the test closes after.
 */
export async function shopperWrote(
  server: TestServer,
  sockets: Array<VisitorSocket | AgentSocket>,
  message: { clientId?: string; body?: string; department?: string; token?: string } = {},
) {
  const session = await connectVisitorSession(server, message.token);
  sockets.push(session.socket);
  const sent = await visitorCommand(session.socket, 'message:send', {
    clientId: message.clientId ?? `v-${Math.random().toString(36).slice(2, 12)}`,
    body: message.body ?? 'Hola?',
    department: message.department,
  });
  if (!sent.ok) throw new Error(sent.error.message);
  return { ...session, conversationId: sent.data.conversation.id };
}

/** The state events an agent socket hears from now on, in order. */
export function statesHeard(socket: AgentSocket): Array<AgentConversationChanged & { event: StateEvent }> {
  const heard: Array<AgentConversationChanged & { event: StateEvent }> = [];
  socket.on('conversation:changed', (fact) => {
    if (fact.event.type === 'state') heard.push(fact as AgentConversationChanged & { event: StateEvent });
  });
  return heard;
}

/** The whole conversation as an agent's console reads it back (a sync from the start). */
export async function agentLog(socket: AgentSocket, conversationId: string): Promise<ConversationEvent[]> {
  const page = await agentCommand(socket, 'conversation:sync', { conversationId, afterSeq: 0 });
  if (!page.ok) throw new Error(page.error.message);
  return page.data.events;
}
