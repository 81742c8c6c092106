import { z } from 'zod';
import { ClientId, Id, MessageBody } from '../schemas/common.ts';
import { ConversationEvent, ConversationSummary, MessageEvent } from '../schemas/conversation.ts';
import {
  ConversationList,
  ConversationListQuery,
  ConversationPage,
  SyncRequest,
} from '../schemas/http.ts';
import type { Command, CommandSchemas, Fact, FactSchemas } from './contract.ts';

export const AgentSendMessage = z.object({
  conversationId: Id,
  clientId: ClientId,
  body: MessageBody,
});
export const AgentSetTyping = z.object({ conversationId: Id, typing: z.boolean() });
export const AgentClose = z.object({ conversationId: Id });

export const AgentConversationChanged = z.object({
  event: ConversationEvent,
  conversation: ConversationSummary,
});
export type AgentConversationChanged = z.infer<typeof AgentConversationChanged>;

export const AgentMessageSent = z.object({ event: MessageEvent, conversation: ConversationSummary });

export const ConversationCreated = z.object({ conversation: ConversationSummary });
export type ConversationCreated = z.infer<typeof ConversationCreated>;

export const VisitorTypingChanged = z.object({ conversationId: Id, typing: z.boolean() });
export type VisitorTypingChanged = z.infer<typeof VisitorTypingChanged>;

/** Commands the console sends to the `/agent` namespace. */
export interface AgentClientEvents {
  'conversation:list': Command<z.input<typeof ConversationListQuery>, ConversationList>;
  'conversation:sync': Command<z.infer<typeof SyncRequest>, ConversationPage>;
  'message:send': Command<z.infer<typeof AgentSendMessage>, z.infer<typeof AgentMessageSent>>;
  'typing:set': Command<z.infer<typeof AgentSetTyping>, null>;
  'conversation:close': Command<z.infer<typeof AgentClose>, AgentConversationChanged>;
}

/** Facts the server tells the console. */
export interface AgentServerEvents {
  'conversation:created': Fact<ConversationCreated>;
  'message:created': Fact<AgentConversationChanged>;
  'conversation:changed': Fact<AgentConversationChanged>;
  'typing:changed': Fact<VisitorTypingChanged>;
}

export const agentCommandSchemas = {
  'conversation:list': { request: ConversationListQuery, response: ConversationList },
  'conversation:sync': { request: SyncRequest, response: ConversationPage },
  'message:send': { request: AgentSendMessage, response: AgentMessageSent },
  'typing:set': { request: AgentSetTyping, response: z.null() },
  'conversation:close': { request: AgentClose, response: AgentConversationChanged },
} satisfies CommandSchemas<AgentClientEvents>;

export const agentFactSchemas = {
  'conversation:created': ConversationCreated,
  'message:created': AgentConversationChanged,
  'conversation:changed': AgentConversationChanged,
  'typing:changed': VisitorTypingChanged,
} satisfies FactSchemas<AgentServerEvents>;
