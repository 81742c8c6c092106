import { act, cleanup, fireEvent, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { summary } from '../../state/testFixtures.ts';
import { cartChange, page, profile } from '../../state/visitorFixtures.ts';
import { flush, renderInbox } from '../testInbox.tsx';

const chats = () => [
  summary({ id: 'conv_now', visitorLabel: 'Visitor 1', updatedAt: 300 }),
  summary({ id: 'conv_before', visitorLabel: 'Visitor 1', status: 'closed', updatedAt: 100 }),
];

async function openWithProfile(held = profile()) {
  const inbox = await renderInbox(chats(), {});
  inbox.profiles.set('vis_one', held);
  await inbox.openRow('conv_now');
  const panel = () => inbox.pane('conv_now')!.querySelector<HTMLElement>('[data-part="visitor-panel"]')!;
  const texts = (selector: string) => [...panel().querySelectorAll(selector)].map((element) => element.textContent);
  return { ...inbox, panel, texts };
}

describe('visitor side panel', () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('shows who the visitor is, where they are, their cart and how it changed', async () => {
    const { panel, texts, connection } = await openWithProfile();
    expect(connection.sentOf('visitor:follow')).toEqual([{ visitorId: 'vis_one' }]);
    const view = within(panel());
    expect(panel().querySelector('[data-part="visitor-name"]')?.textContent).toBe('LaiaNot verified');
    expect(view.getByText('laia@example.test')).toBeTruthy();
    expect(panel().querySelector('[data-part="presence"]')?.textContent).toBe('Online now');
    expect(panel().querySelector('[data-part="device"]')?.textContent).toBe('Mobile · Safari 18 · iOS');
    expect(panel().querySelector('[data-part="visits"]')?.textContent).toBe('3');
    expect(view.getByText('Catalan (Spain)')).toBeTruthy();
    expect(panel().querySelector('[data-part="local-time"] time')?.textContent).toMatch(/^\d{2}:\d{2}/);

    const current = panel().querySelector<HTMLAnchorElement>('[data-part="current-page"] a')!;
    expect(current.textContent).toBe('Hoodie');
    expect([current.href, current.target, current.rel]).toEqual(['https://shop.test/p/hoodie', '_blank', 'noopener noreferrer']);

    expect(texts('[data-part="trail-item"] .trail-title')).toEqual(['Hoodie', 'New arrivals', 'Home']);
    const thumb = panel().querySelector<HTMLImageElement>('[data-part="trail-item"] img')!;
    expect([thumb.alt, thumb.getAttribute('loading'), thumb.width, thumb.height]).toEqual(['Hoodie M', 'lazy', 40, 40]);
    expect(texts('[data-part="trail-product"]')).toEqual(['Hoodie M · €42.00']);
    expect(texts('[data-part="trail-item"] .trail-meta').map((meta) => meta?.split(' · ')[1])).toEqual([
      'still on it',
      'stayed 2 min 5 sec',
      'stayed 40 sec',
    ]);

    const [item] = [...panel().querySelectorAll('[data-part="cart-item"]')];
    expect([...item!.children].map((cell) => cell.textContent)).toEqual(['Hoodie M', '2', '€42.00', '€84.00']);
    expect(panel().querySelector('[data-part="cart-total"]')?.textContent).toBe('€84.00');
    expect(texts('[data-part="cart-change"] span')).toEqual([
      'Quantity of Hoodie M changed to 2 · subtotal €84.00',
      'Added 1 × Hoodie M · subtotal €42.00',
    ]);
  });

  it('tells the last order in a line, with its number when the shop gave one, and the purchase’s number in the history', async () => {
    const { panel, texts, connection } = await openWithProfile(
      profile({
        lastOrder: { number: 'T_12345', at: Date.now() - 2 * 3_600_000 - 60_000, total: 84, currency: 'EUR' },
        cartHistory: [cartChange({ change: 'purchase', order: 'T_12345', total: 84, at: 7_500 })],
      }),
    );
    expect(texts('[data-part="last-order"]')).toEqual(['Last order #T_12345 · €84.00 · 2 hr. ago']);
    expect(texts('[data-part="cart-change"] span')).toEqual(['Purchased order #T_12345 · total €84.00']);
    // A shop that writes "#1001" is not shown "##1001"; a purchase without a number is still an order.
    act(() =>
      connection.emitFact('visitor:changed', {
        profile: profile({
          lastOrder: { number: '#1001', at: Date.now() - 5.5 * 60_000, total: 19.5, currency: 'EUR' },
          cartHistory: [cartChange({ change: 'purchase', order: null, total: 19.5 })],
        }),
      }),
    );
    expect(texts('[data-part="last-order"]')).toEqual(['Last order #1001 · €19.50 · 5 min. ago']);
    expect(texts('[data-part="cart-change"] span')).toEqual(['Purchased · total €19.50']);
    act(() =>
      connection.emitFact('visitor:changed', {
        profile: profile({ lastOrder: { number: null, at: Date.now(), total: 19.5, currency: 'EUR' } }),
      }),
    );
    expect(texts('[data-part="last-order"]')).toEqual(['Last order · €19.50 · now']);
    act(() => connection.emitFact('visitor:changed', { profile: profile() }));
    expect(panel().querySelector('[data-part="last-order"]')).toBeNull();
  });

  it('marks a verified customer, and never links anything but http(s)', async () => {
    const { panel } = await openWithProfile(
      profile({
        identity: { customerId: 'C-1042', name: 'Laia Puig', email: 'laia@example.test', verified: true },
        trail: [page({ url: 'javascript:alert(1)', title: 'Sneaky', seconds: null })],
      }),
    );
    expect(panel().querySelector('[data-part="identity"]')?.getAttribute('data-verified')).toBe('true');
    expect(panel().querySelector('[data-part="identity"]')?.textContent).toBe('Verified');
    expect(within(panel()).getByText('Customer C-1042')).toBeTruthy();
    expect(panel().querySelector('a[href^="javascript"]')).toBeNull();
    expect(panel().querySelector('[data-part="current-page"]')?.textContent).toBe('Sneaky');
  });

  it('follows changes to the visitor: cart, checkout, leaving', async () => {
    const { panel, connection } = await openWithProfile();
    act(() =>
      connection.emitFact('visitor:changed', {
        profile: profile({
          online: false,
          lastSeenAt: Date.now() - 5.5 * 60_000,
          cart: { items: [{ sku: null, name: 'Scarf', qty: 3, price: 10, url: null, image: null }], total: 30, currency: 'EUR' },
          cartStage: 'checkout',
          cartHistory: [cartChange({ change: 'checkout', total: 30, at: 9_000 })],
        }),
      }),
    );
    expect(panel().querySelector('[data-part="cart-total"]')?.textContent).toBe('€30.00');
    expect(panel().querySelector('[data-part="cart-stage"]')?.textContent).toBe('In checkout');
    expect(panel().querySelector('[data-part="cart-change"] span')?.textContent).toBe('Started checkout · subtotal €30.00');
    expect(panel().querySelector('[data-part="presence"]')?.textContent).toBe('Last seen 5 min. ago');
  });

  it('follows the visitor again after a reconnect', async () => {
    const { panel, connection, profiles } = await openWithProfile();
    act(() => connection.setStatus('disconnected'));
    expect(panel().querySelector('[data-part="visits"]')?.textContent).toBe('3');
    profiles.set('vis_one', profile({ visits: 4 }));
    act(() => connection.setStatus('connected'));
    await flush();
    expect(connection.sentOf('visitor:follow')).toEqual([{ visitorId: 'vis_one' }, { visitorId: 'vis_one' }]);
    expect(panel().querySelector('[data-part="visits"]')?.textContent).toBe('4');
  });

  it('unfollows when the pane closes', async () => {
    const { pane, connection } = await openWithProfile();
    fireEvent.click(pane('conv_now')!.querySelector('button[data-part="close-pane"]')!);
    expect(connection.sentOf('visitor:unfollow')).toEqual([{ visitorId: 'vis_one' }]);
  });

  it('lists the files of the visitor’s chats, newest first, each opening as in the chat; or says there are none', async () => {
    const invoice = { id: 'att_invoice', name: 'Factura 1042.pdf', mime: 'application/pdf', type: 'pdf' as const, size: 52_300 };
    const photo = { id: 'att_photo', name: 'parcel.jpg', mime: 'image/jpeg', type: 'image' as const, size: 240_000 };
    const { panel } = await openWithProfile(profile({ files: [invoice, photo] }));
    const files = panel().querySelector('[data-section$="files"]')!;
    expect(files.querySelector('h3')!.textContent).toBe('Files');
    expect(
      [...files.querySelectorAll('[data-part="attachments"] > li')].map(
        (li) => li.textContent || li.querySelector('button')?.getAttribute('aria-label'),
      ),
    ).toEqual([expect.stringContaining('Factura 1042.pdf'), 'Open parcel.jpg full size']);
    cleanup();
    const empty = await openWithProfile(profile({ files: [] }));
    expect(empty.panel().querySelector('[data-section$="files"] .panel-note')!.textContent).toBe('No files sent in their chats.');
  });

  it('opens an earlier conversation of the visitor in a pane of its own', async () => {
    const earlier = {
      id: 'conv_before',
      status: 'closed' as const,
      createdAt: 500,
      lastMessage: { body: 'Thanks!', authorKind: 'visitor' as const, createdAt: 600 },
    };
    const current = { id: 'conv_now', status: 'open' as const, createdAt: 900, lastMessage: null };
    const { panel, paneIds } = await openWithProfile(profile({ conversations: [current, earlier] }));
    const buttons = panel().querySelectorAll<HTMLButtonElement>('[data-part="earlier-conversation"]');
    expect([...buttons].map((button) => button.getAttribute('data-conversation-id'))).toEqual(['conv_before']);
    expect(buttons[0]!.textContent).toContain('Thanks!');
    fireEvent.click(buttons[0]!);
    await flush();
    expect(paneIds()).toEqual(['conv_now', 'conv_before']);
  });

  it('collapses, and remembers it for every pane and the next visit', async () => {
    const first = await openWithProfile();
    const toggle = first.pane('conv_now')!.querySelector<HTMLButtonElement>('button[data-part="toggle-details"]')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panelId = toggle.getAttribute('aria-controls')!;
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.getElementById(panelId)?.hidden).toBe(true);
    cleanup();

    const again = await openWithProfile();
    const toggleAgain = again.pane('conv_now')!.querySelector<HTMLButtonElement>('button[data-part="toggle-details"]')!;
    expect(toggleAgain.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggleAgain);
    expect(again.panel().getAttribute('data-phase')).toBe('ready');
  });
});
