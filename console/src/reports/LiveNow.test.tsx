import type { LiveFigures, LiveFilter } from '@mostrador/shared';
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeConnection } from '../api/fakeConnection.ts';
import { liveFeedOf } from './liveFeed.ts';
import { LiveNow } from './LiveNow.tsx';

const now: LiveFigures = {
  filter: {},
  inProgress: 3,
  queued: 1,
  ticketsOpen: 5,
  ticketsWaiting: 2,
  agentsOnline: 2,
  firstResponseMedianSeconds: 75,
  date: '2026-12-06',
  timeZone: 'UTC',
};

function setUp(filter: LiveFilter = {}) {
  const connection = new FakeConnection()
    // The server answers for the filter it was asked with, as it does.
    .handle('live:watch', ({ filter: asked = {} }) => ({ ok: true, data: { ...now, filter: asked } }))
    .handle('live:unwatch', () => ({ ok: true, data: null }));
  connection.setStatus('connected');
  const feed = liveFeedOf(() => connection);
  const view = render(<LiveNow feed={feed} filter={filter} />);
  const value = (id: string) => view.container.querySelector(`[data-live="${id}"] .report-live-value`)?.textContent;
  const values = () => ['inProgress', 'queued', 'agentsOnline', 'frtToday'].map(value);
  const tickets = () => ['ticketsOpen', 'ticketsWaiting'].map(value);
  return { connection, view, values, tickets, feed };
}

describe('LiveNow', () => {
  afterEach(cleanup);

  it('shows the figures asked for once, then each change the server pushes, without asking again', async () => {
    const { connection, view, values, tickets } = setUp();
    await waitFor(() => expect(values()).toEqual(['3', '1', '2', '1 min']));
    expect(tickets()).toEqual(['5', '2']);
    expect(view.getByRole('heading', { name: 'Live now' })).toBeTruthy();
    // No filter, nothing to say about filters.
    expect(view.container.querySelector('[data-part="live-filters"]')).toBeNull();
    expect(view.container.querySelector('[data-live="queued"]')!.getAttribute('title')).toContain('tickets apart');
    connection.emitFact('live:changed', { ...now, queued: 0, inProgress: 4, firstResponseMedianSeconds: null });
    await waitFor(() => expect(values()).toEqual(['4', '0', '2', '—']));
    // Pushed, not polled: one question in all.
    expect(connection.sentOf('live:watch')).toHaveLength(1);
  });

  it('shows nothing stale while disconnected, watches again on reconnecting, and stops watching when closed', async () => {
    const { connection, view, values } = setUp();
    await waitFor(() => expect(values()).toEqual(['3', '1', '2', '1 min']));
    connection.setStatus('disconnected');
    await waitFor(() => expect(values()).toEqual(['—', '—', '—', '—']));
    expect(view.getByText('Waiting for the connection…')).toBeTruthy();
    connection.setStatus('connected');
    await waitFor(() => expect(values()).toEqual(['3', '1', '2', '1 min']));
    expect(connection.sentOf('live:watch')).toHaveLength(2);
    view.unmount();
    expect(connection.sentOf('live:unwatch')).toHaveLength(1);
    // After closing, a late fact changes nothing and throws nothing.
    connection.emitFact('live:changed', now);
  });

  it('watches with the page’s filters, says which figures cannot follow them, and drops figures for filters it left', async () => {
    const jordi: LiveFilter = { agentId: 'agt_jordi', tag: 'vip' };
    const { connection, view, values, feed } = setUp(jordi);
    await waitFor(() => expect(values()).toEqual(['3', '1', '2', '1 min']));
    expect(connection.sentOf('live:watch')).toEqual([{ filter: jordi }]);
    const notes = () => [...view.container.querySelectorAll('[data-part="live-filters"] li')].map((li) => li.textContent);
    expect(view.getByText('Live now follows the filters below.')).toBeTruthy();
    expect(notes()).toEqual([
      'In the queue does not follow the agent filter: a queued chat has no agent yet.',
      'Agents online does not follow the tag filter: tags are on chats, not agents.',
    ]);

    // The admin picks a department instead: the old filter is let go, the new one asked for.
    const shoes: LiveFilter = { departmentId: 'dep_shoes' };
    view.rerender(<LiveNow feed={feed} filter={shoes} />);
    await waitFor(() => expect(connection.sentOf('live:watch')).toEqual([{ filter: jordi }, { filter: shoes }]));
    expect(connection.sentOf('live:unwatch')).toHaveLength(1);
    // The department's filter applies to every figure: only the sentence that the panel follows the filters.
    await waitFor(() => expect(notes()).toEqual([]));
    // A late fact for the filter left behind changes nothing; the new filter's does.
    connection.emitFact('live:changed', { ...now, filter: jordi, inProgress: 9 });
    connection.emitFact('live:changed', { ...now, filter: shoes, inProgress: 4 });
    await waitFor(() => expect(values()).toEqual(['4', '1', '2', '1 min']));
    // The same filters in a new object are not a new question.
    view.rerender(<LiveNow feed={feed} filter={{ departmentId: 'dep_shoes' }} />);
    expect(connection.sentOf('live:watch')).toHaveLength(2);
  });
});
