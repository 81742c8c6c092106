export type { AgentActor, VisitorActor } from './actors.ts';
export { ConversationsRepository, type ConversationRow, type EventRow } from './conversations.repository.ts';
export { ConversationsService } from './conversations.service.ts';
export { SocketBroadcaster, type ConversationBroadcaster } from './conversations.broadcast.ts';
export { conversationRoutes } from './conversations.routes.ts';
export { attachVisitorSocket } from './visitor.socket.ts';
export { attachAgentSocket, endAgentSession } from './agent.socket.ts';
