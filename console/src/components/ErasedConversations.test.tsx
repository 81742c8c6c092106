import { act, cleanup } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderInbox } from './testInbox.tsx';

describe('an erased visitor in the console', () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('drops the erased conversations from the list and closes their panes, keeping the others', async () => {
    const { connection, rowIds, openRow, pane, container } = await renderInbox();
    await openRow('conv_new');
    await openRow('conv_old');
    act(() => connection.emitFact('typing:changed', { conversationId: 'conv_new', typing: true, agent: null, draft: 'my address is' }));
    expect(container.textContent).toContain('Newer question');

    act(() => connection.emitFact('conversations:erased', { conversationIds: ['conv_new'] }));

    expect(rowIds()).toEqual(['conv_old']);
    expect(pane('conv_new')).toBeFalsy();
    expect(pane('conv_old')).toBeTruthy();
    expect(container.textContent).not.toContain('Newer question');
    expect(container.textContent).not.toContain('my address is');
  });
});
