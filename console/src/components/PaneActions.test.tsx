import { act, cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { jordi, me, queued, summary } from '../state/testFixtures.ts';
import { flush, renderInbox } from './testInbox.tsx';

describe('pane actions', () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('takes a queued chat: it moves to Mine with me as assignee', async () => {
    const { tab, openRow, pane, connection, rowIds } = await renderInbox([queued({ id: 'q1' })], {});
    fireEvent.click(tab('queue'));
    await openRow('q1');
    expect(pane('q1')!.querySelector('button[data-part="transfer"]')).toBeNull();
    fireEvent.click(pane('q1')!.querySelector('button[data-part="take"]')!);
    await flush();
    expect(connection.sentOf('conversation:take')).toEqual([{ conversationId: 'q1' }]);
    expect(pane('q1')!.querySelector('button[data-part="take"]')).toBeNull();
    expect(pane('q1')!.querySelector('[data-part="assignee"]')?.textContent).toBe('Assigned to Núria');
    expect(pane('q1')!.querySelector('[data-part="message"][data-author="system"]')?.textContent).toContain('Núria joined the chat');
    expect(rowIds()).toEqual([]);
    fireEvent.click(tab('mine'));
    expect(rowIds()).toEqual(['q1']);
  });

  it('marks a chat pending, then snoozes it to a time of my choice, with the state in the badge, the log and the list filter', async () => {
    const { openRow, pane, connection, rowIds } = await renderInbox([summary({ id: 'c1' }), summary({ id: 'c2' })], {});
    await openRow('c1');
    fireEvent.click(pane('c1')!.querySelector('button[data-part="mark-pending"]')!);
    await flush();
    expect(connection.sentOf('conversation:status')).toEqual([{ conversationId: 'c1', state: 'pending' }]);
    expect(pane('c1')!.querySelector('[data-part="status"]')?.textContent).toBe('Pending');
    expect(pane('c1')!.querySelector('[data-event="state"]')?.textContent).toContain('Núria marked it pending: waiting on the customer');
    expect(pane('c1')!.querySelector('button[data-part="mark-pending"]')).toBeNull();

    const filter = document.querySelector<HTMLSelectElement>('select[data-part="state-filter"]')!;
    fireEvent.change(filter, { target: { value: 'pending' } });
    expect(rowIds()).toEqual(['c1']);
    fireEvent.change(filter, { target: { value: '' } });
    expect(rowIds().sort()).toEqual(['c1', 'c2']);

    fireEvent.click(pane('c1')!.querySelector('button[data-part="snooze"]')!);
    const dialog = pane('c1')!.querySelector('[data-part="snooze-dialog"]')!;
    fireEvent.click(dialog.querySelector('input[data-part="snooze-custom"]')!);
    const confirm = dialog.querySelector<HTMLButtonElement>('button[data-part="confirm"]')!;
    expect(confirm.disabled).toBe(true);
    fireEvent.input(dialog.querySelector('input[data-part="snooze-at"]')!, { target: { value: '2099-01-02T10:30' } });
    fireEvent.click(confirm);
    await flush();
    const at = new Date('2099-01-02T10:30').getTime();
    expect(connection.sentOf('conversation:status').at(-1)).toEqual({ conversationId: 'c1', state: 'snoozed', until: { at } });
    expect(pane('c1')!.querySelector('[data-part="status"]')?.getAttribute('data-state')).toBe('snoozed');
    expect(pane('c1')!.querySelector('[data-part="status"]')?.textContent).toMatch(/^Snoozed until /);
  });

  it('snoozes a chat until the customer writes: it waits as pending, with no timer', async () => {
    const { openRow, pane, connection } = await renderInbox([summary({ id: 'c1' })], {});
    await openRow('c1');
    fireEvent.click(pane('c1')!.querySelector('button[data-part="snooze"]')!);
    const dialog = pane('c1')!.querySelector('[data-part="snooze-dialog"]')!;
    const reply = dialog.querySelector<HTMLInputElement>('input[data-part="snooze-reply"]')!;
    expect(reply.closest('label')?.textContent).toBe('Until the customer writes (pending)');
    fireEvent.click(reply);
    fireEvent.click(dialog.querySelector('button[data-part="confirm"]')!);
    await flush();
    expect(connection.sentOf('conversation:status')).toEqual([{ conversationId: 'c1', state: 'pending' }]);
    expect(pane('c1')!.querySelector('[data-part="status"]')?.getAttribute('data-state')).toBe('pending');
  });

  it('shows why a take failed when a colleague was first', async () => {
    const { tab, openRow, pane, conversations } = await renderInbox([queued({ id: 'q1' })], {});
    fireEvent.click(tab('queue'));
    await openRow('q1');
    conversations.set('q1', { ...conversations.get('q1')!, assignee: jordi });
    fireEvent.click(pane('q1')!.querySelector('button[data-part="take"]')!);
    await flush();
    expect(pane('q1')!.querySelector('[role="alert"]')?.textContent).toContain('Someone else took it first.');
  });

  it('transfers to an online colleague with room, with an internal note, and lets the chat go', async () => {
    const { openRow, pane, connection, rowIds } = await renderInbox([summary({ id: 'c1' })], {});
    await openRow('c1');
    fireEvent.click(pane('c1')!.querySelector('button[data-part="transfer"]')!);
    await flush();
    const dialog = pane('c1')!.querySelector('[data-part="transfer-dialog"]')!;
    const options = [...dialog.querySelectorAll('select[name="transfer-to"] option')].map((o) => o.getAttribute('value'));
    // Pau is full and Marta away: only Jordi, then the departments.
    expect(options).toEqual(['agent:agt_two', 'department:dep_sales', 'department:dep_support']);
    fireEvent.input(dialog.querySelector('textarea[name="note"]')!, { target: { value: 'Wants a refund' } });
    fireEvent.click(dialog.querySelector('button[data-part="confirm"]')!);
    await flush();
    expect(connection.sentOf('conversation:transfer')).toEqual([
      { conversationId: 'c1', to: { kind: 'agent', agentId: 'agt_two' }, note: 'Wants a refund' },
    ]);
    expect(pane('c1')).toBeNull();
    expect(rowIds()).toEqual([]);
  });

  it('invites a colleague, who then shows among the guests', async () => {
    const { openRow, pane, connection } = await renderInbox([summary({ id: 'c1' })], {});
    await openRow('c1');
    fireEvent.click(pane('c1')!.querySelector('button[data-part="invite"]')!);
    await flush();
    const dialog = pane('c1')!.querySelector('[data-part="invite-dialog"]')!;
    fireEvent.click(dialog.querySelector('button[data-part="confirm"]')!);
    await flush();
    expect(connection.sentOf('conversation:invite')).toEqual([{ conversationId: 'c1', agentId: 'agt_two' }]);
    expect(pane('c1')!.querySelector('[data-part="guests"]')?.textContent).toBe('With Jordi');
  });

  it('lets a guest leave the chat', async () => {
    const guestChat = summary({ id: 'g1', assignee: jordi, guests: [{ id: me.id, name: me.name }] });
    const { openRow, pane, connection } = await renderInbox([guestChat], {});
    await openRow('g1');
    expect(pane('g1')!.querySelector('button[data-part="transfer"]')).toBeNull();
    fireEvent.click(pane('g1')!.querySelector('button[data-part="leave"]')!);
    await flush();
    expect(connection.sentOf('conversation:leave')).toEqual([{ conversationId: 'g1' }]);
    expect(pane('g1')).toBeNull();
  });

  it('renders a transfer note as an internal note, apart from the messages', async () => {
    const { openRow, pane, connection, append } = await renderInbox([summary({ id: 'c1' })], {});
    await openRow('c1');
    const noted = append('c1', (seq) => ({
      type: 'note',
      conversationId: 'c1',
      seq,
      createdAt: 5,
      author: { kind: 'agent', id: jordi.id, name: jordi.name },
      body: 'Customer is VIP',
    }));
    act(() => connection.emitFact('conversation:changed', noted));
    const note = pane('c1')!.querySelector('[data-part="note"]');
    expect(note?.textContent).toContain('Internal note');
    expect(note?.querySelector('[data-part="body"]')?.textContent).toBe('Customer is VIP');
    expect(pane('c1')!.querySelector('[data-part="message"]')).toBeNull();
  });

  it('sends presence changes and shows offline while disconnected', async () => {
    const { container, connection } = await renderInbox([], {});
    const select = () => container.querySelector<HTMLSelectElement>('select[name="presence"]')!;
    expect(select().value).toBe('online');
    fireEvent.change(select(), { target: { value: 'away' } });
    await flush();
    expect(connection.sentOf('presence:set')).toEqual([{ status: 'away' }]);
    act(() => connection.setStatus('disconnected'));
    expect(select().value).toBe('offline');
    expect(select().disabled).toBe(true);
  });
});
