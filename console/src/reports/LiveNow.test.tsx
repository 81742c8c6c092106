import type { LiveFigures } from '@mostrador/shared';
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeConnection } from '../api/fakeConnection.ts';
import { liveFeedOf } from './liveFeed.ts';
import { LiveNow } from './LiveNow.tsx';

const now: LiveFigures = { inProgress: 3, queued: 1, agentsOnline: 2, firstResponseMedianSeconds: 75, date: '2026-12-06', timeZone: 'UTC' };

function setUp() {
  const connection = new FakeConnection()
    .handle('live:watch', () => ({ ok: true, data: now }))
    .handle('live:unwatch', () => ({ ok: true, data: null }));
  connection.setStatus('connected');
  const view = render(<LiveNow feed={liveFeedOf(() => connection)} />);
  const value = (id: string) => view.container.querySelector(`[data-live="${id}"] .report-live-value`)?.textContent;
  const values = () => ['inProgress', 'queued', 'agentsOnline', 'frtToday'].map(value);
  return { connection, view, values };
}

describe('LiveNow', () => {
  afterEach(cleanup);

  it('shows the figures asked for once, then each change the server pushes, without asking again', async () => {
    const { connection, view, values } = setUp();
    await waitFor(() => expect(values()).toEqual(['3', '1', '2', '1 min']));
    expect(view.getByRole('heading', { name: 'Live now' })).toBeTruthy();
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
});
