import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REMINDER_INTERVAL_MS } from '../state/reminders.ts';
import { queued, summary, visitorMessage } from '../state/testFixtures.ts';
import { NotificationOffer } from './NotificationOffer.tsx';
import { flush, renderInbox } from './testInbox.tsx';

function stubNotification(permission: NotificationPermission) {
  const requestPermission = vi.fn(async () => 'granted' as NotificationPermission);
  vi.stubGlobal('Notification', Object.assign(vi.fn(), { permission, requestPermission }));
  return requestPermission;
}

describe('notifications', () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('asks for permission only when the agent clicks, never on load', async () => {
    const requestPermission = stubNotification('default');
    const { container } = render(<NotificationOffer />);
    expect(requestPermission).not.toHaveBeenCalled();
    fireEvent.click(container.querySelector('button[data-part="enable-notifications"]')!);
    await flush();
    expect(requestPermission).toHaveBeenCalledOnce();
    expect(container.querySelector('[data-part="notification-offer"]')).toBeNull();
  });

  it('offers nothing once permission was answered', () => {
    stubNotification('denied');
    const { container } = render(<NotificationOffer />);
    expect(container.querySelector('[data-part="notification-offer"]')).toBeNull();
  });

  it('chimes and notifies for a chat newly queued for me and a message outside the focused pane', async () => {
    const { connection, output, append, openRow, container } = await renderInbox([summary({ id: 'c1' }), summary({ id: 'c2' })], {});
    await openRow('c1');
    act(() => connection.emitFact('conversation:created', { conversation: queued({ id: 'q1', visitorLabel: 'Anna' }) }));
    act(() =>
      connection.emitFact(
        'message:created',
        append('c2', (seq) => visitorMessage('c2', seq, 'Hi there')),
      ),
    );
    act(() =>
      connection.emitFact(
        'message:created',
        append('c1', (seq) => visitorMessage('c1', seq, 'Seen')),
      ),
    );
    expect(output.notes).toEqual(['New chat in the queue: Anna', 'New message from Visitor 1: Hi there']);
    expect(output.chimes).toBe(2);
    expect(container.querySelector('[data-part="announcer"]')?.textContent).toBe('New message from Visitor 1: Hi there');
  });

  it('stays silent when muted, and remembers it', async () => {
    const first = await renderInbox([], {});
    fireEvent.click(first.container.querySelector('button[data-part="mute"]')!);
    cleanup();
    const { connection, output, container } = await renderInbox([], {});
    expect(container.querySelector('button[data-part="mute"]')?.getAttribute('data-muted')).toBe('true');
    act(() => connection.emitFact('conversation:created', { conversation: queued({ id: 'q1' }) }));
    expect(output.chimes).toBe(0);
    expect(output.notes).toHaveLength(1);
  });

  it('reminds every minute while a chat stays in the queue', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { connection, output, conversations, append } = await renderInbox([queued({ id: 'q1', visitorLabel: 'Anna' })], {});
    act(() => void vi.advanceTimersByTime(REMINDER_INTERVAL_MS));
    expect(output.notes).toEqual(['Still waiting in the queue: Anna']);
    act(() => void vi.advanceTimersByTime(REMINDER_INTERVAL_MS));
    expect(output.notes).toHaveLength(2);

    conversations.set('q1', { ...conversations.get('q1')!, assignee: { id: 'agt_one', name: 'Núria' }, queuedAt: null });
    act(() =>
      connection.emitFact(
        'conversation:changed',
        append('q1', (seq) => visitorMessage('q1', seq)),
      ),
    );
    act(() => void vi.advanceTimersByTime(5 * REMINDER_INTERVAL_MS));
    expect(output.notes.filter((note) => note.startsWith('Still waiting'))).toHaveLength(2);
  });
});
