import { act, cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { summary } from '../state/testFixtures.ts';
import { flush, renderInbox } from './testInbox.tsx';

describe('InboxScreen', () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('lists my conversations newest first with unread counts, and opens one on click', async () => {
    const { rowIds, row, openRow, pane } = await renderInbox();
    expect(rowIds()).toEqual(['conv_new', 'conv_old']);
    expect(row('conv_new').querySelector('.unread-badge')?.textContent).toBe('1');

    await openRow('conv_new');
    expect(pane('conv_new')?.querySelector('[data-part="message"][data-author="visitor"] [data-part="body"]')?.textContent).toBe(
      'Newer question',
    );
    expect(row('conv_new').querySelector('.unread-badge')).toBeNull();
  });

  it('shows new conversations live and the visitor typing, in the row and the pane', async () => {
    const { connection, rowIds, openRow, pane, container } = await renderInbox();
    const fresh = summary({ id: 'conv_fresh', visitorLabel: 'Visitor Fresh', updatedAt: 500 });
    act(() => connection.emitFact('conversation:created', { conversation: fresh }));
    expect(rowIds()[0]).toBe('conv_fresh');

    await openRow('conv_fresh');
    act(() => connection.emitFact('typing:changed', { conversationId: 'conv_fresh', typing: true, agent: null, draft: null }));
    expect(pane('conv_fresh')?.querySelector('[data-part="typing"]')?.textContent).toContain('Visitor is typing…');
    expect(container.querySelector('[data-conversation-id="conv_fresh"] .row-typing')).not.toBeNull();
  });

  it('warns when a colleague is typing a reply in the same chat, without claiming the visitor is', async () => {
    const { connection, openRow, pane, container } = await renderInbox();
    await openRow('conv_new');
    act(() =>
      connection.emitFact('typing:changed', {
        conversationId: 'conv_new',
        typing: true,
        agent: { id: 'agt_two', name: 'Jordi' },
        draft: null,
      }),
    );
    const typing = pane('conv_new')!.querySelectorAll('[data-part="typing"]');
    expect([...typing].map((line) => line.textContent)).toEqual(['Jordi is typing a reply…']);
    expect(container.querySelector('[data-conversation-id="conv_new"] .row-typing')).toBeNull();
  });

  it('sends a reply from the composer and shows it in the history', async () => {
    const { container, openRow, pane } = await renderInbox();
    await openRow('conv_new');
    const textarea = pane('conv_new')!.querySelector('textarea[name="reply"]') as HTMLTextAreaElement;
    fireEvent.input(textarea, { target: { value: 'How can I help?' } });
    fireEvent.click(pane('conv_new')!.querySelector('button[data-part="send"]')!);
    await flush();
    const sent = container.querySelectorAll('[data-part="message"][data-author="agent"] [data-part="body"]');
    expect([...sent].map((body) => body.textContent)).toEqual(['How can I help?']);
  });

  it('tags chats the visitor did not start, in the row and the pane', async () => {
    const { row, openRow, pane } = await renderInbox([
      summary({ id: 'conv_trigger', origin: 'trigger', updatedAt: 300 }),
      summary({ id: 'conv_plain', updatedAt: 200 }),
      summary({ id: 'conv_mail', origin: 'email', updatedAt: 100 }),
    ]);
    expect(row('conv_trigger').querySelector('[data-part="origin"]')?.textContent).toBe('Started by a trigger');
    expect(row('conv_mail').querySelector('[data-part="origin"]')?.textContent).toBe('Started by email');
    expect(row('conv_plain').querySelector('[data-part="origin"]')).toBeNull();
    await openRow('conv_trigger');
    expect(pane('conv_trigger')!.querySelector('.conversation-header [data-part="origin"]')?.textContent).toBe('Started by a trigger');
  });

  it("shows a trigger's tags as chips in the row and once in the pane (its tag editor), and nothing for untagged chats", async () => {
    const { row, openRow, pane } = await renderInbox([
      summary({ id: 'conv_tagged', origin: 'trigger', tags: ['vip', 'cart-rescue'], updatedAt: 300 }),
      summary({ id: 'conv_plain', updatedAt: 200 }),
    ]);
    const chipsOf = (scope: Element) => [...scope.querySelectorAll('[data-part="tag"]')].map((chip) => chip.textContent);
    expect(chipsOf(row('conv_tagged'))).toEqual(['vip', 'cart-rescue']);
    expect(row('conv_tagged').querySelector('[data-part="tags"]')?.textContent).toBe('Tags:vipcart-rescue');
    expect(row('conv_plain').querySelector('[data-part="tags"]')).toBeNull();
    await openRow('conv_tagged');
    expect(chipsOf(pane('conv_tagged')!).map((chip) => chip?.replace('×', ''))).toEqual(['vip', 'cart-rescue']);
  });

  it('puts the unread total in the document title', async () => {
    const { openRow } = await renderInbox();
    expect(document.title).toBe('(2) Mostrador');
    await openRow('conv_new');
    expect(document.title).toBe('(1) Mostrador');
  });
});
