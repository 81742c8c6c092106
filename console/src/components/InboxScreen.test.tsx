import type { AgentProfile, ConversationEvent } from '@mostrador/shared';
import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeConnection } from '../api/fakeConnection.ts';
import { agentMessage, summary, visitorMessage } from '../state/testFixtures.ts';
import { InboxScreen } from './InboxScreen.tsx';

const agent: AgentProfile = {
  id: 'agt_one',
  name: 'Núria',
  email: 'nuria@shop.test',
  role: 'agent',
  site: { id: 'sit_one', name: 'Shop', key: 'key' },
};

const flush = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

function renderInbox() {
  const logs: Record<string, ConversationEvent[]> = {
    conv_old: [visitorMessage('conv_old', 1, 'Older question')],
    conv_new: [visitorMessage('conv_new', 1, 'Newer question')],
  };
  const summaries = {
    conv_old: summary({ id: 'conv_old', visitorLabel: 'Visitor Old', lastSeq: 1, updatedAt: 100 }),
    conv_new: summary({ id: 'conv_new', visitorLabel: 'Visitor New', lastSeq: 1, updatedAt: 200 }),
  };
  const connection = new FakeConnection()
    .handle('conversation:list', ({ status }) => ({
      ok: true,
      data: { conversations: status === 'open' ? Object.values(summaries) : [] },
    }))
    .handle('conversation:sync', ({ conversationId, afterSeq }) => {
      const conversation = summaries[conversationId as keyof typeof summaries];
      if (!conversation) return { ok: false, error: { code: 'not_found', message: 'Unknown conversation' } };
      const events = (logs[conversationId] ?? []).filter((event) => event.seq > afterSeq);
      return { ok: true, data: { conversation, events, hasMore: false } };
    })
    .handle('message:send', ({ conversationId, clientId, body }) => {
      const event = agentMessage(conversationId, 2, body, clientId) as Extract<ConversationEvent, { type: 'message' }>;
      return { ok: true, data: { event, conversation: { ...summaries.conv_new, lastSeq: 2, updatedAt: 300 } } };
    })
    .handle('typing:set', () => ({ ok: true, data: null }));
  const view = render(
    <InboxScreen agent={agent} connect={() => connection} onLogout={vi.fn()} onSessionEnded={vi.fn()} />,
  );
  const rowIds = () =>
    [...view.container.querySelectorAll('[data-part="conversation-row"]')].map((row) =>
      row.getAttribute('data-conversation-id'),
    );
  return { ...view, connection, rowIds };
}

describe('InboxScreen', () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('lists conversations newest first with unread counts, and opens one on click', async () => {
    const { container, connection, rowIds } = renderInbox();
    act(() => connection.setStatus('connected'));
    await flush();

    expect(rowIds()).toEqual(['conv_new', 'conv_old']);
    const newRow = container.querySelector('[data-conversation-id="conv_new"]') as HTMLElement;
    expect(newRow.querySelector('.unread-badge')?.textContent).toBe('1');

    fireEvent.click(newRow);
    await flush();
    const pane = container.querySelector('[data-part="conversation"]');
    expect(pane?.getAttribute('data-conversation-id')).toBe('conv_new');
    expect(pane?.querySelector('[data-part="message"][data-author="visitor"] [data-part="body"]')?.textContent).toBe(
      'Newer question',
    );
    expect(newRow.querySelector('.unread-badge')).toBeNull();
  });

  it('shows new conversations live and the visitor typing', async () => {
    const { container, connection, rowIds } = renderInbox();
    act(() => connection.setStatus('connected'));
    await flush();

    const fresh = summary({ id: 'conv_fresh', visitorLabel: 'Visitor Fresh', lastSeq: 0, updatedAt: 500 });
    act(() => connection.emitFact('conversation:created', { conversation: fresh }));
    expect(rowIds()[0]).toBe('conv_fresh');

    fireEvent.click(container.querySelector('[data-conversation-id="conv_fresh"]')!);
    act(() => connection.emitFact('typing:changed', { conversationId: 'conv_fresh', typing: true }));
    expect(container.querySelector('[data-part="typing"]')?.textContent).toContain('Visitor is typing…');
    expect(container.querySelector('[data-conversation-id="conv_fresh"] .row-typing')).not.toBeNull();
  });

  it('sends a reply from the composer and shows it in the history', async () => {
    const { container, connection } = renderInbox();
    act(() => connection.setStatus('connected'));
    await flush();
    fireEvent.click(container.querySelector('[data-conversation-id="conv_new"]')!);
    await flush();

    const textarea = container.querySelector('textarea[name="reply"]') as HTMLTextAreaElement;
    fireEvent.input(textarea, { target: { value: 'How can I help?' } });
    fireEvent.click(container.querySelector('button[data-part="send"]')!);
    await flush();

    const agentMessages = container.querySelectorAll('[data-part="message"][data-author="agent"]');
    expect(agentMessages).toHaveLength(1);
    expect(agentMessages[0]?.querySelector('[data-part="body"]')?.textContent).toBe('How can I help?');
  });

  it('moves between conversations with Alt+ArrowDown and Alt+ArrowUp', async () => {
    const { container, connection } = renderInbox();
    act(() => connection.setStatus('connected'));
    await flush();
    const openId = () => container.querySelector('[data-part="conversation"]')?.getAttribute('data-conversation-id');

    fireEvent.keyDown(window, { key: 'ArrowDown', altKey: true });
    await flush();
    expect(openId()).toBe('conv_new');
    fireEvent.keyDown(window, { key: 'ArrowDown', altKey: true });
    await flush();
    expect(openId()).toBe('conv_old');
    fireEvent.keyDown(window, { key: 'ArrowUp', altKey: true });
    await flush();
    expect(openId()).toBe('conv_new');
  });
});
