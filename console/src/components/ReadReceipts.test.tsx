import { act, cleanup, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { agentMessage, queued, summary, visitorMessage } from '../state/testFixtures.ts';
import { renderInbox } from './testInbox.tsx';

// Built from local calendar fields: separators follow the agent's own time zone, whichever it is.
const at = (daysAgo: number, hour: number) => {
  const day = new Date();
  day.setDate(day.getDate() - daysAgo);
  day.setHours(hour, 0, 0, 0);
  return day.getTime();
};

const log = () => [
  { ...visitorMessage('c1', 1, 'Hola'), createdAt: at(3, 9) },
  { ...agentMessage('c1', 2, 'Bon dia'), createdAt: at(1, 20) },
  { ...visitorMessage('c1', 3, 'Les sabates'), createdAt: at(1, 21) },
  { ...agentMessage('c1', 4, 'Ara miro'), createdAt: at(0, 8) },
  { ...agentMessage('c1', 5, 'Ja les tinc'), createdAt: at(0, 8) },
];

describe('read receipts and days in the console', () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('groups the log by day and shows "Seen" under the last agent message the visitor has seen, moving it when told', async () => {
    const { openRow, pane, connection } = await renderInbox([summary({ id: 'c1', lastSeq: 5, visitorReadSeq: 3 })], { c1: log() });
    await openRow('c1');
    const days = [...pane('c1')!.querySelectorAll('[data-part="day"]')].map((day) => day.textContent);
    expect(days).toHaveLength(3);
    expect(days.slice(1)).toEqual(['Yesterday', 'Today']);
    const seenUnder = () =>
      [...pane('c1')!.querySelectorAll('[data-part="seen-receipt"]')].map(
        (receipt) => receipt.closest('[data-part="message"]')?.querySelector('[data-part="body"]')?.textContent,
      );
    expect(seenUnder()).toEqual(['Bon dia']);

    act(() => connection.emitFact('read:marked', { conversationId: 'c1', visitorReadSeq: 5 }));
    expect(seenUnder()).toEqual(['Ja les tinc']);
    // An older mark (a stale summary or a late fact) does not move it back.
    act(() => connection.emitFact('read:marked', { conversationId: 'c1', visitorReadSeq: 2 }));
    expect(seenUnder()).toEqual(['Ja les tinc']);
  });

  it('tells the server once, folded over a second, that the agent in the chat has read the visitor’s last message', async () => {
    const { openRow, readMarks, append, connection, tab } = await renderInbox(
      [summary({ id: 'c1', lastSeq: 5 }), queued({ id: 'c2', lastSeq: 1 })],
      { c1: log(), c2: [visitorMessage('c2', 1)] },
    );
    await openRow('c1');
    await waitFor(() => expect(readMarks).toEqual([{ conversationId: 'c1', seq: 3 }]), { timeout: 3000 });

    // Not the agent's chat (it waits in the queue): reading it tells the visitor nothing.
    fireEvent.click(tab('queue'));
    await openRow('c2');
    fireEvent.click(tab('mine'));
    act(() =>
      connection.emitFact(
        'message:created',
        append('c1', (seq) => visitorMessage('c1', seq, 'Perfecte')),
      ),
    );
    // The marker: back in c1, its new message is read; nothing about c2 went before it.
    await openRow('c1');
    await waitFor(
      () =>
        expect(readMarks).toEqual([
          { conversationId: 'c1', seq: 3 },
          { conversationId: 'c1', seq: 6 },
        ]),
      { timeout: 3000 },
    );
  });
});
