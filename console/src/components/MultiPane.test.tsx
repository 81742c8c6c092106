import { act, cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jordi, queued, summary, visitorMessage } from '../state/testFixtures.ts';
import { flush, renderInbox } from './testInbox.tsx';

const four = () => [
  summary({ id: 'c1', visitorLabel: 'One', updatedAt: 400 }),
  summary({ id: 'c2', visitorLabel: 'Two', updatedAt: 300 }),
  summary({ id: 'c3', visitorLabel: 'Three', updatedAt: 200 }),
  summary({ id: 'c4', visitorLabel: 'Four', updatedAt: 100 }),
];

describe('several chats at once', () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
    vi.useRealTimers();
  });

  it('opens three panes side by side; a fourth replaces the least recently focused', async () => {
    const { openRow, paneIds, pane } = await renderInbox(four(), {});
    await openRow('c1');
    await openRow('c2');
    await openRow('c3');
    expect(paneIds()).toEqual(['c1', 'c2', 'c3']);
    for (const id of ['c1', 'c2', 'c3']) expect(pane(id)!.querySelector('textarea[name="reply"]')).not.toBeNull();

    fireEvent.mouseDown(pane('c1')!);
    await openRow('c4');
    expect(paneIds()).toEqual(['c1', 'c4', 'c3']);
    expect(pane('c4')!.getAttribute('data-focused')).toBe('true');
  });

  it('keeps each pane’s draft when focus moves between them', async () => {
    const { openRow, pane } = await renderInbox(four(), {});
    await openRow('c1');
    await openRow('c2');
    const reply = (id: string) => pane(id)!.querySelector<HTMLTextAreaElement>('textarea[name="reply"]')!;
    fireEvent.input(reply('c1'), { target: { value: 'Draft one' } });
    fireEvent.input(reply('c2'), { target: { value: 'Draft two' } });
    fireEvent.mouseDown(pane('c1')!);
    await flush();
    expect(reply('c1').value).toBe('Draft one');
    expect(reply('c2').value).toBe('Draft two');
  });

  it('keeps a draft when its pane is replaced and the chat opened again', async () => {
    const { openRow, pane } = await renderInbox(four(), {});
    await openRow('c1');
    fireEvent.input(pane('c1')!.querySelector('textarea[name="reply"]')!, { target: { value: 'Later' } });
    await openRow('c2');
    await openRow('c3');
    await openRow('c4');
    expect(pane('c1')).toBeNull();
    await openRow('c1');
    expect(pane('c1')!.querySelector<HTMLTextAreaElement>('textarea[name="reply"]')!.value).toBe('Later');
  });

  it('moves between chats with Alt+ArrowDown and Alt+ArrowUp', async () => {
    const { container } = await renderInbox();
    const focusedId = () =>
      container.querySelector('[data-part="conversation"][data-focused="true"]')?.getAttribute('data-conversation-id');
    const press = async (key: 'ArrowUp' | 'ArrowDown') => {
      fireEvent.keyDown(window, { key, altKey: true });
      await flush();
    };
    await press('ArrowDown');
    expect(focusedId()).toBe('conv_new');
    await press('ArrowDown');
    expect(focusedId()).toBe('conv_old');
    await press('ArrowUp');
    expect(focusedId()).toBe('conv_new');
    await press('ArrowDown');
    expect(focusedId()).toBe('conv_old');
  });

  it('shows in each pane how long the visitor has waited for a reply, ticking', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(100_000);
    const { openRow, pane } = await renderInbox([summary({ id: 'c1', awaitingReplySince: 100_000 - 65_000 })], {});
    await openRow('c1');
    const waiting = () => pane('c1')!.querySelector('[data-part="waiting"]')?.textContent;
    expect(waiting()).toContain('1:05');
    act(() => void vi.advanceTimersByTime(2_000));
    expect(waiting()).toContain('1:07');
  });

  it('switches views: Queue grouped by department, no All tab for an agent', async () => {
    const { tab, rowIds, container } = await renderInbox(
      [summary({ id: 'c1' }), queued({ id: 'q1', queuedAt: 10 }), queued({ id: 'q2', department: null, queuedAt: 5 })],
      {},
    );
    expect(tab('all')).toBeNull();
    expect(rowIds()).toEqual(['c1']);
    fireEvent.click(tab('queue'));
    expect(rowIds()).toEqual(['q2', 'q1']);
    expect([...container.querySelectorAll('.queue-group-title')].map((h) => h.textContent)).toEqual(['No department', 'Sales']);
  });

  it('drops a chat taken by a colleague from the queue and closes its pane', async () => {
    const { tab, openRow, connection, append, rowIds, pane } = await renderInbox([queued({ id: 'q1' })], {
      q1: [visitorMessage('q1', 1)],
    });
    fireEvent.click(tab('queue'));
    await openRow('q1');
    expect(pane('q1')).not.toBeNull();
    const taken = append(
      'q1',
      (seq) => ({
        type: 'joined',
        conversationId: 'q1',
        seq,
        createdAt: 9,
        author: { kind: 'system', id: null, name: null },
        agent: jordi,
        role: 'assignee',
      }),
      { assignee: jordi, queuedAt: null },
    );
    act(() => connection.emitFact('conversation:changed', taken));
    expect(rowIds()).toEqual([]);
    expect(pane('q1')).toBeNull();
  });
});
