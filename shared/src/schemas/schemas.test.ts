import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '../limits.ts';
import { agentCommandSchemas } from '../events/agent.ts';
import { visitorCommandSchemas, VisitorHandshake } from '../events/visitor.ts';
import { ConversationEvent } from './conversation.ts';
import { LoginBody } from './http.ts';

describe('message payloads', () => {
  const send = visitorCommandSchemas['message:send'].request;

  it('accept a message up to the limit, newlines and all', () => {
    expect(send.safeParse({ clientId: '0b7c1f9e-2a5d-4e61', body: 'Hola!\nTeniu talla M?' }).success).toBe(true);
    expect(send.safeParse({ clientId: 'abcdefgh', body: 'x'.repeat(MAX_MESSAGE_CHARS) }).success).toBe(true);
  });

  it('refuse blank, oversized and badly identified messages', () => {
    expect(send.safeParse({ clientId: 'abcdefgh', body: ' \n\t ' }).success).toBe(false);
    expect(send.safeParse({ clientId: 'abcdefgh', body: 'x'.repeat(MAX_MESSAGE_CHARS + 1) }).success).toBe(false);
    expect(send.safeParse({ clientId: 'short', body: 'hi' }).success).toBe(false);
    expect(send.safeParse({ clientId: 'has spaces in it', body: 'hi' }).success).toBe(false);
  });

  it('require a server-minted conversation id from agents', () => {
    const agentSend = agentCommandSchemas['message:send'].request;
    expect(agentSend.safeParse({ conversationId: 'cnv_abc', clientId: 'abcdefgh', body: 'hi' }).success).toBe(true);
    expect(agentSend.safeParse({ conversationId: '../etc', clientId: 'abcdefgh', body: 'hi' }).success).toBe(false);
  });
});

describe('conversation events', () => {
  it('tell messages and status changes apart by type', () => {
    const base = { conversationId: 'cnv_a', seq: 2, createdAt: 1, author: { kind: 'agent', id: 'agt_a', name: 'Laia' } };
    expect(ConversationEvent.parse({ ...base, type: 'status', status: 'closed' })).toMatchObject({ status: 'closed' });
    expect(ConversationEvent.safeParse({ ...base, type: 'status', body: 'x' }).success).toBe(false);
  });
});

describe('handshake and login', () => {
  it('need a site key; the token is optional', () => {
    expect(VisitorHandshake.safeParse({ siteKey: 'abc' }).success).toBe(true);
    expect(VisitorHandshake.safeParse({}).success).toBe(false);
  });

  it('normalise the email', () => {
    expect(LoginBody.parse({ email: '  Laia@Shop.Example ', password: 'x' }).email).toBe('laia@shop.example');
  });
});
