import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nContext } from '../../i18n/context.ts';
import { translatorFor } from '../../i18n/index.ts';
import { agentSummary, findIn, sales, stubApi, support } from '../testApi.ts';
import { AgentsPage } from './AgentsPage.tsx';

const nuria = agentSummary();
const pau = agentSummary({
  id: 'agt_pau',
  name: 'Pau',
  email: 'pau@shop.test',
  role: 'agent',
  status: 'away',
  load: 0,
  capacity: 5,
  departmentIds: ['dep_sales', 'dep_support'],
});

const lists = {
  'GET /api/admin/agents': [200, { agents: [nuria, pau] }],
  'GET /api/admin/departments': [200, { departments: [sales, support] }],
} as const;

const rowOf = (container: Element, id: string) => container.querySelector<HTMLElement>(`[data-part="agent-row"][data-agent-id="${id}"]`);

function fill(form: Element, name: string, value: string) {
  fireEvent.input(form.querySelector(`[name="${name}"]`)!, { target: { value } });
}

describe('AgentsPage', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('renders the agents table from the API', async () => {
    stubApi({ ...lists });
    const { container } = render(<AgentsPage />);

    await waitFor(() => expect(rowOf(container, 'agt_pau')).not.toBeNull());
    const cells = [...rowOf(container, 'agt_pau')!.children].map((cell) => cell.textContent);
    expect(cells).toEqual(['Pau', 'pau@shop.test', 'Agent', 'Away', '0 of 5', 'Sales, Support', 'Edit']);
    expect(rowOf(container, 'agt_nuria')!.textContent).toContain('Administrator');
  });

  it('writes a load with a ticket in it (a fraction of a chat) as the console’s language writes numbers', async () => {
    stubApi({ ...lists, 'GET /api/admin/agents': [200, { agents: [nuria, { ...pau, load: 1.5 }] }] });
    const { container } = render(
      <I18nContext.Provider value={{ language: 'ca', t: translatorFor('ca'), setLanguage: () => {} }}>
        <AgentsPage />
      </I18nContext.Provider>,
    );

    await waitFor(() => expect(rowOf(container, 'agt_pau')).not.toBeNull());
    expect(rowOf(container, 'agt_pau')!.children[4]!.textContent).toBe('1,5 de 5');
  });

  it('creates an agent with the right body and shows the new row', async () => {
    const created = agentSummary({
      id: 'agt_new',
      name: 'Marta',
      email: 'marta@shop.test',
      role: 'agent',
      status: 'offline',
      load: 0,
      capacity: 4,
      departmentIds: ['dep_support'],
    });
    const api = stubApi({ ...lists, 'POST /api/admin/agents': [201, { agent: created }] });
    const { container } = render(<AgentsPage />);
    const form = await findIn(container, 'form[data-part="new-agent"]');

    fill(form, 'email', ' marta@shop.test ');
    fill(form, 'name', 'Marta');
    fireEvent.change(form.querySelector('select[name="role"]')!, { target: { value: 'agent' } });
    fill(form, 'password', 'correct horse');
    fill(form, 'capacity', '4');
    fireEvent.click(form.querySelector('input[name="departmentIds"][value="dep_support"]')!);
    fireEvent.submit(form);

    await waitFor(() => expect(rowOf(container, 'agt_new')).not.toBeNull());
    expect(api.writes()).toEqual([
      {
        method: 'POST',
        path: '/api/admin/agents',
        body: {
          email: 'marta@shop.test',
          name: 'Marta',
          role: 'agent',
          password: 'correct horse',
          capacity: 4,
          departmentIds: ['dep_support'],
        },
      },
    ]);
    expect(screen.getByText('Marta was added.')).toBeTruthy();
    // The password is not left on screen.
    expect(form.querySelector<HTMLInputElement>('input[name="password"]')!.value).toBe('');
  });

  it("shows the server's message in an alert on 409", async () => {
    stubApi({
      ...lists,
      'POST /api/admin/agents': [409, { error: { code: 'conflict', message: 'An agent with that email already exists' } }],
    });
    const { container } = render(<AgentsPage />);
    const form = await findIn(container, 'form[data-part="new-agent"]');

    fill(form, 'email', 'pau@shop.test');
    fill(form, 'name', 'Pau again');
    fill(form, 'password', 'long enough');
    fireEvent.submit(form);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('An agent with that email already exists');
    expect(container.querySelectorAll('[data-part="agent-row"]')).toHaveLength(2);
  });

  it('edits a row and sends only a new password when one is typed', async () => {
    const api = stubApi({
      ...lists,
      'PATCH /api/admin/agents/agt_pau': (body) => [200, { agent: { ...pau, ...(body as object) } }],
    });
    const { container } = render(<AgentsPage />);
    await waitFor(() => expect(rowOf(container, 'agt_pau')).not.toBeNull());

    fireEvent.click(rowOf(container, 'agt_pau')!.querySelector('button[data-part="edit-agent-button"]')!);
    const form = container.querySelector('form[data-part="edit-agent"]')!;
    expect(document.activeElement).toBe(form.querySelector('input[name="name"]'));
    fill(form, 'name', 'Pau Vidal');
    fill(form, 'capacity', '6');
    fireEvent.submit(form);

    await waitFor(() => expect(rowOf(container, 'agt_pau')!.textContent).toContain('Pau Vidal'));
    expect(api.writes()[0]).toEqual({
      method: 'PATCH',
      path: '/api/admin/agents/agt_pau',
      body: { name: 'Pau Vidal', role: 'agent', capacity: 6, departmentIds: ['dep_sales', 'dep_support'] },
    });
    expect(container.querySelector('form[data-part="edit-agent"]')).toBeNull();
    // Focus goes back to the button that opened the form.
    await waitFor(() => expect(document.activeElement).toBe(rowOf(container, 'agt_pau')!.querySelector('[data-part="edit-agent-button"]')));
  });

  it('deactivates an agent only after confirming, shows it in the row, and reactivates', async () => {
    const api = stubApi({
      ...lists,
      'PATCH /api/admin/agents/agt_pau': (body) => [200, { agent: { ...pau, status: 'offline', ...(body as object) } }],
    });
    const { container } = render(<AgentsPage />);
    await waitFor(() => expect(rowOf(container, 'agt_pau')).not.toBeNull());
    const openEdit = () => fireEvent.click(rowOf(container, 'agt_pau')!.querySelector('[data-part="edit-agent-button"]')!);

    openEdit();
    fireEvent.click(screen.getByRole('button', { name: 'Deactivate' }));
    const dialog = screen.getByRole('dialog', { name: 'Deactivate Pau?' });
    expect(dialog.textContent).toContain('Their open chats go back to the queue.');
    // Escape cancels without a request.
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.writes()).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Deactivate' }));
    fireEvent.click(screen.getByRole('dialog').querySelector('[data-part="confirm"]')!);
    await waitFor(() => expect(rowOf(container, 'agt_pau')!.children[3]!.textContent).toBe('Deactivated'));
    expect(api.writes()).toEqual([{ method: 'PATCH', path: '/api/admin/agents/agt_pau', body: { active: false } }]);
    expect(screen.getByRole('status').textContent).toBe('Pau was deactivated.');

    openEdit();
    expect(container.querySelector('[data-part="agent-access"]')!.textContent).toContain('Pau is deactivated and cannot sign in.');
    fireEvent.click(screen.getByRole('button', { name: 'Reactivate' }));
    await waitFor(() => expect(rowOf(container, 'agt_pau')!.children[3]!.textContent).toBe('Offline'));
    expect(api.writes()[1]).toEqual({ method: 'PATCH', path: '/api/admin/agents/agt_pau', body: { active: true } });
    expect(screen.getByRole('status').textContent).toBe('Pau can sign in again.');
  });
});
