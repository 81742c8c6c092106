import type { SessionEstablished, VisitorConversation } from '@mostrador/shared';
import { vi } from 'vitest';
import { FakeTransport } from '../transport/fakeTransport.ts';
import { ChatSession } from './chatSession.ts';
import { message } from './testEvents.ts';
import { createVisitorStorage, type ShopStorage } from './visitorStorage.ts';

/** A ChatSession wired to a fake transport and in-memory storage, for tests; not imported by production code. */
export function memoryBackend(): ShopStorage {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

/** What a session says about triggers and the visit, when a test does not care: no rules, someone online, a first page. */
export const quietSite = { triggers: [], onlineAgents: { any: true, departments: [] } } satisfies Partial<SessionEstablished['site']>;
export const firstVisit: SessionEstablished['visit'] = { startedAt: 0, pagesViewed: 0, returning: false };

export const session = (conv: VisitorConversation | null, token = 'tok-1', typingPreview = false): SessionEstablished => ({
  visitorId: 'vis_1',
  token,
  conversation: conv,
  site: { name: 'Botiga', departments: [], typingPreview, ...quietSite },
  visit: firstVisit,
});

export function setup(backend = memoryBackend()) {
  const transport = new FakeTransport();
  const storage = createVisitorStorage('site_1', backend);
  let ids = 0;
  const onAgentMessage = vi.fn();
  const onInvitation = vi.fn();
  const onUnavailable = vi.fn();
  const chat = new ChatSession({
    transport,
    storage,
    onAgentMessage,
    onInvitation,
    onUnavailable,
    createClientId: () => `client-id-${++ids}`,
  });
  chat.start();
  return { transport, storage, chat, backend, onAgentMessage, onInvitation, onUnavailable };
}

export const visitorMessage = (seq: number, clientId: string, body: string) =>
  message(seq, { author: { kind: 'visitor', id: 'vis_1', name: null }, clientId, body });
