import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findIn, stubApi } from '../testApi.ts';
import { cartRescue, nightOwls, pageRoutes, welcomeBack } from './testTriggers.ts';
import { TriggersPage } from './TriggersPage.tsx';

const listed = { 'GET /api/admin/triggers': [200, { triggers: [cartRescue, welcomeBack, nightOwls] }] } as const;

const rowOf = (container: Element, id: string) =>
  container.querySelector<HTMLElement>(`[data-part="trigger-row"][data-trigger-id="${id}"]`)!;
const rowIds = (container: Element) =>
  [...container.querySelectorAll('[data-part="trigger-row"]')].map((row) => row.getAttribute('data-trigger-id'));
const status = (container: Element) => container.querySelector('[data-part="triggers-status"]')!.textContent;

describe('TriggersPage', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists the rules in order, each with its sentence, state and sender', async () => {
    stubApi({ ...pageRoutes, ...listed });
    const { container } = render(<TriggersPage />);
    await findIn(container, '[data-part="trigger-list"]');

    expect(rowIds(container)).toEqual(['trg_cart', 'trg_back', 'trg_night']);
    const cart = rowOf(container, 'trg_cart');
    expect(cart.querySelector('h3')!.textContent).toBe('Cart rescue');
    expect(cart.querySelector('[data-part="trigger-summary"]')!.textContent!.replace(/\u00a0/g, ' ')).toBe(
      'When cart value ≥ €100 and time on page ≥ 45 s, once per session',
    );
    expect(rowOf(container, 'trg_back').textContent).toContain('Opens the chat, as Núria:');
    const switches = screen.getAllByRole<HTMLInputElement>('switch');
    expect(switches.map((control) => control.checked)).toEqual([true, true, false]);
    // The first rule cannot go up, nor the last down.
    expect(cart.querySelector<HTMLButtonElement>('[data-part="move-up"]')!.disabled).toBe(true);
    expect(rowOf(container, 'trg_night').querySelector<HTMLButtonElement>('[data-part="move-down"]')!.disabled).toBe(true);
  });

  it('invites the admin to create a first rule when there is none', async () => {
    stubApi({ ...pageRoutes, 'GET /api/admin/triggers': [200, { triggers: [] }] });
    const { container } = render(<TriggersPage />);
    const empty = await findIn(container, '[data-part="triggers-empty"]');

    expect(empty.querySelector('h3')!.textContent).toBe('No triggers yet');
    fireEvent.click(screen.getByRole('button', { name: 'Create your first trigger' }));
    expect(screen.getByRole('heading', { name: 'New trigger' })).toBeTruthy();
    expect(container.querySelector('[data-part="trigger-report"]')).toBeNull();
  });

  it('switches a rule off at once with a PATCH, and says so', async () => {
    const api = stubApi({
      ...pageRoutes,
      ...listed,
      'PATCH /api/admin/triggers/trg_back': [200, { trigger: { ...welcomeBack, enabled: false } }],
    });
    const { container } = render(<TriggersPage />);
    await findIn(container, '[data-part="trigger-list"]');
    const toggle = rowOf(container, 'trg_back').querySelector<HTMLInputElement>('[data-part="toggle-trigger"]')!;

    fireEvent.click(toggle);

    expect(toggle.checked).toBe(false);
    await waitFor(() => expect(status(container)).toBe('“Welcome back” is off.'));
    expect(api.writes()).toEqual([{ method: 'PATCH', path: '/api/admin/triggers/trg_back', body: { enabled: false } }]);
  });

  it('puts the switch back and shows why when the server refuses', async () => {
    stubApi({
      ...pageRoutes,
      ...listed,
      'PATCH /api/admin/triggers/trg_night': [403, { error: { code: 'forbidden', message: 'Admins only' } }],
    });
    const { container } = render(<TriggersPage />);
    await findIn(container, '[data-part="trigger-list"]');
    const toggle = rowOf(container, 'trg_night').querySelector<HTMLInputElement>('[data-part="toggle-trigger"]')!;

    fireEvent.click(toggle);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Only administrators can change these settings.');
    expect(toggle.checked).toBe(false);
  });

  it('moves a rule down with every id in the new order, keeps focus on it and announces where it went', async () => {
    const reordered = [welcomeBack, cartRescue, nightOwls];
    const api = stubApi({ ...pageRoutes, ...listed, 'PUT /api/admin/triggers/order': [200, { triggers: reordered }] });
    const { container } = render(<TriggersPage />);
    await findIn(container, '[data-part="trigger-list"]');

    fireEvent.click(rowOf(container, 'trg_cart').querySelector('[data-part="move-down"]')!);

    expect(rowIds(container)).toEqual(['trg_back', 'trg_cart', 'trg_night']);
    await waitFor(() => expect(status(container)).toBe('“Cart rescue” moved to position 2 of 3.'));
    expect(api.writes()).toEqual([
      { method: 'PUT', path: '/api/admin/triggers/order', body: { ids: ['trg_back', 'trg_cart', 'trg_night'] } },
    ]);
    await waitFor(() => expect(document.activeElement).toBe(rowOf(container, 'trg_cart').querySelector('[data-part="move-down"]')));
  });

  it('moves focus to the other arrow when a rule reaches the top', async () => {
    stubApi({ ...pageRoutes, ...listed, 'PUT /api/admin/triggers/order': [200, { triggers: [welcomeBack, cartRescue, nightOwls] }] });
    const { container } = render(<TriggersPage />);
    await findIn(container, '[data-part="trigger-list"]');

    fireEvent.click(rowOf(container, 'trg_back').querySelector('[data-part="move-up"]')!);

    await waitFor(() => expect(status(container)).toBe('“Welcome back” moved to position 1 of 3.'));
    await waitFor(() => expect(document.activeElement).toBe(rowOf(container, 'trg_back').querySelector('[data-part="move-down"]')));
  });

  it('restores the order when the server refuses it', async () => {
    stubApi({
      ...pageRoutes,
      ...listed,
      'PUT /api/admin/triggers/order': [400, { error: { code: 'invalid_payload', message: 'The order must name every rule once' } }],
    });
    const { container } = render(<TriggersPage />);
    await findIn(container, '[data-part="trigger-list"]');

    fireEvent.click(rowOf(container, 'trg_back').querySelector('[data-part="move-down"]')!);

    expect((await screen.findByRole('alert')).textContent).toBe('The order must name every rule once');
    expect(rowIds(container)).toEqual(['trg_cart', 'trg_back', 'trg_night']);
  });

  it('deletes a rule only after the admin confirms', async () => {
    const api = stubApi({ ...pageRoutes, ...listed, 'DELETE /api/admin/triggers/trg_back': [204, null] });
    const { container } = render(<TriggersPage />);
    await findIn(container, '[data-part="trigger-list"]');
    const deleteButton = () => rowOf(container, 'trg_back').querySelector<HTMLElement>('[data-part="delete-trigger"]')!;

    fireEvent.click(deleteButton());
    fireEvent.click(screen.getByRole('dialog', { name: 'Delete “Welcome back”?' }).querySelector('[data-part="cancel"]')!);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.writes()).toEqual([]);

    fireEvent.click(deleteButton());
    fireEvent.click(screen.getByRole('button', { name: 'Delete trigger' }));

    await waitFor(() => expect(rowIds(container)).toEqual(['trg_cart', 'trg_night']));
    expect(api.writes()).toEqual([{ method: 'DELETE', path: '/api/admin/triggers/trg_back', body: undefined }]);
    expect(status(container)).toBe('“Welcome back” was deleted.');
    await waitFor(() => expect(document.activeElement).toBe(container.querySelector('[data-part="new-trigger"]')));
  });

  it('saves an edited rule, shows it in the list and hands focus back to its Edit button', async () => {
    const api = stubApi({
      ...pageRoutes,
      ...listed,
      'PATCH /api/admin/triggers/trg_cart': (body) => [200, { trigger: { ...cartRescue, ...(body as object) } }],
    });
    const { container } = render(<TriggersPage />);
    await findIn(container, '[data-part="trigger-list"]');

    fireEvent.click(rowOf(container, 'trg_cart').querySelector('[data-part="edit-trigger"]')!);
    const name = screen.getByRole<HTMLInputElement>('textbox', { name: 'Name' });
    expect(document.activeElement).toBe(name);
    fireEvent.input(name, { target: { value: 'Big carts' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save trigger' }));

    await waitFor(() => expect(rowOf(container, 'trg_cart').querySelector('h3')!.textContent).toBe('Big carts'));
    expect(api.writes()[0]).toMatchObject({ method: 'PATCH', body: { name: 'Big carts', conditions: cartRescue.conditions } });
    expect(status(container)).toBe('“Big carts” was saved.');
    await waitFor(() => expect(document.activeElement).toBe(rowOf(container, 'trg_cart').querySelector('[data-part="edit-trigger"]')));
  });
});
