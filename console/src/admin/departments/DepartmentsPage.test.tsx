import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findIn, sales, stubApi, support } from '../testApi.ts';
import { DepartmentsPage } from './DepartmentsPage.tsx';

const list = { 'GET /api/admin/departments': [200, { departments: [sales, support] }] } as const;
const rowSelector = (id: string) => `[data-part="department-row"][data-department-id="${id}"]`;

describe('DepartmentsPage', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('suggests a slug from the name until the slug is edited by hand', async () => {
    const created = { id: 'dep_after', slug: 'postvenda', name: 'Atenció postvenda', routing: 'manual' };
    const api = stubApi({ ...list, 'POST /api/admin/departments': [201, { department: created }] });
    const { container } = render(<DepartmentsPage />);
    const form = await findIn(container, 'form[data-part="new-department"]');
    const name = form.querySelector<HTMLInputElement>('input[name="name"]')!;
    const slug = form.querySelector<HTMLInputElement>('input[name="slug"]')!;

    fireEvent.input(name, { target: { value: 'Atenció al client' } });
    expect(slug.value).toBe('atencio-al-client');

    fireEvent.input(slug, { target: { value: 'postvenda' } });
    fireEvent.input(name, { target: { value: 'Atenció postvenda' } });
    expect(slug.value).toBe('postvenda');

    fireEvent.click(form.querySelector('input[name="routing"][value="manual"]')!);
    fireEvent.submit(form);

    await findIn(container, rowSelector('dep_after'));
    expect(api.writes()).toEqual([
      {
        method: 'POST',
        path: '/api/admin/departments',
        body: { slug: 'postvenda', name: 'Atenció postvenda', routing: 'manual' },
      },
    ]);
  });

  it('switches routing with a PATCH and shows the new mode', async () => {
    const api = stubApi({
      ...list,
      'PATCH /api/admin/departments/dep_sales': [200, { department: { ...sales, routing: 'manual' } }],
    });
    const { container } = render(<DepartmentsPage />);
    const row = await findIn(container, rowSelector('dep_sales'));
    expect(row.querySelector('[data-part="department-routing"]')!.textContent).toBe('Automatic');

    fireEvent.click(row.querySelector('button[data-part="switch-routing"]')!);

    await waitFor(() => expect(row.querySelector('[data-part="department-routing"]')!.textContent).toBe('Manual'));
    expect(api.writes()).toEqual([{ method: 'PATCH', path: '/api/admin/departments/dep_sales', body: { routing: 'manual' } }]);
    expect(row.querySelector('button[data-part="switch-routing"]')!.textContent).toBe('Switch to automatic');
    expect(screen.getByText('Sales now uses manual routing.')).toBeTruthy();
  });

  it('renames in place', async () => {
    const api = stubApi({
      ...list,
      'PATCH /api/admin/departments/dep_support': [200, { department: { ...support, name: 'Help desk' } }],
    });
    const { container } = render(<DepartmentsPage />);
    const row = await findIn(container, rowSelector('dep_support'));

    fireEvent.click(row.querySelector('button[data-part="rename-department-button"]')!);
    const form = row.querySelector('form[data-part="rename-department"]')!;
    fireEvent.input(form.querySelector('input[name="name"]')!, { target: { value: ' Help desk ' } });
    fireEvent.submit(form);

    await waitFor(() => expect(row.querySelector('th')!.textContent).toBe('Help desk'));
    expect(api.writes()[0]!.body).toEqual({ name: 'Help desk' });
    await waitFor(() => expect(document.activeElement).toBe(row.querySelector('button[data-part="rename-department-button"]')));
  });
});
