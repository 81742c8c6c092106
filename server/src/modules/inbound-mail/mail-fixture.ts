import type { AgentConversationChanged, VisitorConversationChanged } from '@mostrador/shared';
import {
  connected,
  connectVisitor,
  nextFact,
  visitorCommand,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { replyAddress } from '../email/index.ts';
import { listenForMail, type SmtpListener } from './smtp-listener.ts';

/** Test helpers for the inbound mail tests: a shopper in a conversation, who left an email, and what was stored. */
export const REPLY_DOMAIN = 'reply.shop.example';

export interface Shopper {
  socket: VisitorSocket;
  siteId: string;
  visitorId: string;
  conversationId: string;
  replyTo: string;
}

/** A widget session that wrote once (opening a conversation) and left `email` in the offline form. */
export async function shopperInConversation(server: TestServer, email: string, siteKey = server.siteKey): Promise<Shopper> {
  const socket = connectVisitor(server.url, { siteKey });
  const session = nextFact<VisitorSocket, { visitorId: string }>(socket, 'session:established');
  await connected(socket);
  const { visitorId } = await session;
  const sent = await visitorCommand(socket, 'message:send', { clientId: `first-${visitorId}`.slice(0, 60), body: 'Teniu la talla 42?' });
  if (!sent.ok) throw new Error(sent.error.message);
  const contact = await visitorCommand(socket, 'visitor:contact', { email, name: 'Shopper' });
  if (!contact.ok) throw new Error(contact.error.message);
  const conversationId = sent.data.conversation.id;
  const siteId = server.app.services.sites.byKey(siteKey)!.id;
  return { socket, siteId, visitorId, conversationId, replyTo: replyAddress(conversationId, REPLY_DOMAIN) };
}

/** The visitor's messages stored in a conversation, oldest first, as the widget would sync them. */
export async function visitorMessages(server: TestServer, shopper: Shopper, conversationId = shopper.conversationId): Promise<string[]> {
  const actor = { kind: 'visitor' as const, siteId: shopper.siteId, visitorId: shopper.visitorId, label: '' };
  const page = await server.app.services.conversations.visitorPage(actor, conversationId, 0);
  if (!page.ok) throw new Error(page.error.message);
  return page.data.events.filter((e) => e.type === 'message' && e.authorKind === 'visitor').map((e) => e.body ?? '');
}

/** Every visitor message body the agent's console hears, in order. */
export function heardByAgent(agent: AgentSocket): string[] {
  const heard: string[] = [];
  agent.on('message:created', ({ event }: AgentConversationChanged) => {
    if (event.type === 'message' && event.author.kind === 'visitor') heard.push(event.body);
  });
  return heard;
}

/** Every visitor message body the widget hears (its own tab's sends come in the ack, not here). */
export function heardByWidget(socket: VisitorSocket): string[] {
  const heard: string[] = [];
  socket.on('message:created', ({ event }: VisitorConversationChanged) => {
    if (event.type === 'message' && event.author.kind === 'visitor') heard.push(event.body);
  });
  return heard;
}

/** Resolves once the agent has heard `body`: a later marker proves that nothing else is still on its way. */
export function agentHears(agent: AgentSocket, body: string, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the agent never heard "${body}"`)), timeoutMs);
    const listener = ({ event }: AgentConversationChanged) => {
      if (event.type !== 'message' || event.body !== body) return;
      clearTimeout(timer);
      agent.off('message:created', listener);
      resolve();
    };
    agent.on('message:created', listener);
  });
}

/** The inbound SMTP listener on a free port of 127.0.0.1, taking mail up to 64 KiB; its errors go to `errors`. */
export function listenOnFreePort(server: TestServer, errors: unknown[]): Promise<SmtpListener> {
  return listenForMail(server.app.services.inboundMail, {
    port: 0,
    host: '127.0.0.1',
    maxBytes: 64 * 1024,
    log: (err) => errors.push(err),
  });
}

/** The SMTP error a refused mail ends with (nodemailer's responseCode, command and response); throws if it was accepted. */
export async function refusal(sending: Promise<unknown>): Promise<{ responseCode?: number; command?: string; response?: string }> {
  try {
    await sending;
  } catch (err) {
    return err as { responseCode?: number; command?: string; response?: string };
  }
  throw new Error('the mail was accepted');
}
