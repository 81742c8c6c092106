import type { ConversationSummary, LiveVisitor } from '@mostrador/shared';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleViews } from '../../navigation/ConsoleViews.tsx';
import { createTestServer } from '../../state/testServer.ts';
import { me, summary } from '../../state/testFixtures.ts';
import { liveVisitor } from '../../state/visitorFixtures.ts';
import { InboxScreen } from '../InboxScreen.tsx';
import { flush, recordingOutput } from '../testInbox.tsx';

const cart = (total: number, items = 1) => ({ total, currency: 'EUR', items });

const shoppers = (): LiveVisitor[] => [
  liveVisitor({ id: 'vis_small', label: 'Visitor 7', cart: cart(19.5), visitStartedAt: Date.now() - 60_000 }),
  liveVisitor({
    id: 'vis_big',
    identity: { customerId: 'C-9', name: 'Laia', email: null, verified: true },
    page: { url: 'https://shop.test/p/hoodie', title: 'Hoodie', product: null },
    cart: cart(84, 2),
    returning: true,
    visitStartedAt: Date.now() - 42_000,
  }),
  liveVisitor({ id: 'vis_none', label: 'Visitor 9', visitStartedAt: Date.now() - 600_000 }),
];

/** The whole signed-in console, on the visitors page, against the in-test server. */
async function renderVisitors(visitors = shoppers(), conversations: ConversationSummary[] = []) {
  const server = createTestServer(conversations);
  for (const visitor of visitors) server.live.set(visitor.id, visitor);
  const view = render(
    <ConsoleViews agent={me} onLogout={vi.fn()}>
      <InboxScreen
        agent={me}
        connect={() => server.connection}
        onLogout={vi.fn()}
        onSessionEnded={vi.fn()}
        alertOutput={recordingOutput()}
      />
    </ConsoleViews>,
  );
  act(() => server.connection.setStatus('connected'));
  await flush();
  fireEvent.click(view.container.querySelector('button[data-part="nav-visitors"]')!);
  await flush();
  const rowIds = () => [...view.container.querySelectorAll('[data-part="visitor-row"]')].map((row) => row.getAttribute('data-visitor-id'));
  const row = (id: string) => view.container.querySelector<HTMLElement>(`[data-part="visitor-row"][data-visitor-id="${id}"]`)!;
  const count = () => view.container.querySelector('[data-part="visitor-count"]')?.textContent;
  const current = () => view.container.querySelector('nav.view-nav [aria-current="page"]')?.getAttribute('data-part');
  return { ...view, ...server, rowIds, row, count, current };
}

describe('live visitors page', () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('lists who is on the site, biggest carts first, and keeps the list live', async () => {
    const { connection, rowIds, row, count, container } = await renderVisitors();
    expect(connection.sentOf('visitors:watch')).toEqual([{}]);
    expect(count()).toBe('3 visitors online');
    expect(rowIds()).toEqual(['vis_big', 'vis_small', 'vis_none']);
    const cartHeader = container.querySelector('button[data-sort-key="cart"]')!.closest('th')!;
    expect(cartHeader.getAttribute('aria-sort')).toBe('descending');

    const big = within(row('vis_big'));
    expect(big.getByText('Laia')).toBeTruthy();
    expect(big.getByText('Verified')).toBeTruthy();
    expect(big.getByText('Returning')).toBeTruthy();
    expect(row('vis_big').querySelector('[data-part="cart-value"]')?.textContent).toBe('€84.002 items');
    expect(row('vis_big').querySelector<HTMLAnchorElement>('a.page-link')?.href).toBe('https://shop.test/p/hoodie');
    expect(row('vis_big').querySelector('[data-part="time-on-site"]')?.textContent).toMatch(/^0:4\d$/);
    expect(row('vis_none').querySelector('[data-part="cart-value"]')?.textContent).toBe('No cart');

    act(() =>
      connection.emitFact('visitors:changed', {
        updated: [liveVisitor({ id: 'vis_none', label: 'Visitor 9', cart: cart(250, 4) })],
        left: ['vis_small'],
      }),
    );
    expect(rowIds()).toEqual(['vis_none', 'vis_big']);
    expect(count()).toBe('2 visitors online');
    act(() => connection.emitFact('visitors:changed', { updated: [], left: ['vis_none'] }));
    expect(count()).toBe('1 visitor online');
  });

  it('sorts by time on site with the keyboard-operable headers', async () => {
    const { rowIds, container } = await renderVisitors();
    const timeButton = container.querySelector<HTMLButtonElement>('button[data-sort-key="timeOnSite"]')!;
    expect(timeButton.tagName).toBe('BUTTON');
    fireEvent.click(timeButton);
    expect(rowIds()).toEqual(['vis_none', 'vis_small', 'vis_big']);
    expect(timeButton.closest('th')!.getAttribute('aria-sort')).toBe('descending');
    expect(container.querySelector('button[data-sort-key="cart"]')!.closest('th')!.hasAttribute('aria-sort')).toBe(false);
    fireEvent.click(timeButton);
    expect(rowIds()).toEqual(['vis_big', 'vis_small', 'vis_none']);
    expect(timeButton.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
  });

  it('starts a chat: sends conversation:start, then opens it in a pane on the inbox', async () => {
    const { connection, row, container, current } = await renderVisitors();
    fireEvent.click(within(row('vis_small')).getByRole('button', { name: 'Start chat with Visitor 7' }));
    const dialog = screen.getByRole('dialog', { name: 'Start a chat with Visitor 7' });
    const confirm = dialog.querySelector<HTMLButtonElement>('button[data-part="confirm"]')!;
    expect(confirm.disabled).toBe(true);
    fireEvent.input(dialog.querySelector('textarea')!, { target: { value: '  Need a hand with sizes?  ' } });
    fireEvent.click(confirm);
    await flush();

    const [sent] = connection.sentOf('conversation:start') as Array<{ visitorId: string; clientId: string; body: string }>;
    expect(sent).toMatchObject({ visitorId: 'vis_small', body: 'Need a hand with sizes?' });
    expect(sent?.clientId.length).toBeGreaterThanOrEqual(8);
    expect(current()).toBe('nav-inbox');
    expect(connection.sentOf('visitors:unwatch')).toEqual([{}]);
    const pane = container.querySelector<HTMLElement>('[data-part="conversation"][data-conversation-id="conv_vis_small"]')!;
    expect(pane.querySelector('[data-part="message"][data-author="agent"] [data-part="body"]')?.textContent).toBe(
      'Need a hand with sizes?',
    );
    expect(pane.querySelector('[data-part="origin"]')?.textContent).toBe('Proactive chat');
    expect(
      container.querySelector('[data-part="conversation-row"][data-conversation-id="conv_vis_small"] [data-part="origin"]'),
    ).not.toBeNull();
  });

  it('says why a chat could not start', async () => {
    const { row, live } = await renderVisitors();
    live.set('vis_small', { ...live.get('vis_small')!, conversationId: 'conv_elsewhere' });
    fireEvent.click(within(row('vis_small')).getByRole('button', { name: /Start chat/ }));
    const dialog = screen.getByRole('dialog');
    fireEvent.input(dialog.querySelector('textarea')!, { target: { value: 'Hello!' } });
    fireEvent.click(dialog.querySelector('button[data-part="confirm"]')!);
    await flush();
    expect(within(dialog).getByRole('alert').textContent).toBe('This visitor is already chatting. Open their chat from the list instead.');

    live.delete('vis_small');
    fireEvent.click(dialog.querySelector('button[data-part="confirm"]')!);
    await flush();
    expect(within(dialog).getByRole('alert').textContent).toBe('This visitor has left the site.');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens the chat of a visitor already chatting', async () => {
    const chatting = liveVisitor({ id: 'vis_one', label: 'Visitor 1', conversationId: 'conv_live' });
    const { row, container, current } = await renderVisitors([chatting], [summary({ id: 'conv_live' })]);
    expect(row('vis_one').querySelector('[data-part="start-chat"]')).toBeNull();
    expect(row('vis_one').querySelector('[data-part="chatting"]')?.textContent).toBe('Chatting');
    fireEvent.click(within(row('vis_one')).getByRole('button', { name: 'Open chat with Visitor 1' }));
    await flush();
    expect(current()).toBe('nav-inbox');
    expect(container.querySelector('[data-part="conversation"][data-conversation-id="conv_live"]')).not.toBeNull();
  });

  it('watches again after a reconnect and replaces the list', async () => {
    const { connection, live, rowIds } = await renderVisitors();
    act(() => connection.setStatus('disconnected'));
    live.clear();
    live.set('vis_fresh', liveVisitor({ id: 'vis_fresh' }));
    act(() => connection.setStatus('connected'));
    await flush();
    expect(connection.sentOf('visitors:watch')).toEqual([{}, {}]);
    expect(rowIds()).toEqual(['vis_fresh']);
  });
});
