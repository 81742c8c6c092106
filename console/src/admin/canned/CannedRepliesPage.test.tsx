import type { CannedReply } from '@mostrador/shared';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findIn, sales, stubApi } from '../testApi.ts';
import { CannedRepliesPage } from './CannedRepliesPage.tsx';

const shipping: CannedReply = {
  id: 'cnr_ship',
  shortcut: 'enviament',
  title: 'Shipping',
  scope: 'shared',
  departmentId: null,
  bodies: { ca: 'Arriba en 48 h.', es: '', en: '' },
  updatedAt: 1,
};

describe('CannedRepliesPage', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists replies, adds one for a department, and deletes one', async () => {
    const created: CannedReply = {
      ...shipping,
      id: 'cnr_size',
      shortcut: 'talla',
      title: 'Sizes',
      departmentId: sales.id,
      bodies: { ca: '', es: '', en: 'Runs small.' },
    };
    const api = stubApi({
      'GET /api/canned-replies?all=1': [200, { replies: [shipping], shopName: 'Shop' }],
      'GET /api/admin/departments': [200, { departments: [sales] }],
      'POST /api/canned-replies': [201, { reply: created }],
      'DELETE /api/canned-replies/cnr_ship': [204, null],
    });
    const { container } = render(<CannedRepliesPage />);
    await findIn(container, '[data-canned-id="cnr_ship"]');
    const form = container.querySelector<HTMLFormElement>('form[data-part="canned-form"]')!;
    fireEvent.input(form.querySelector('input[name="shortcut"]')!, { target: { value: 'talla' } });
    fireEvent.input(form.querySelector('input[name="title"]')!, { target: { value: 'Sizes' } });
    fireEvent.change(form.querySelector('select[name="department"]')!, { target: { value: sales.id } });
    fireEvent.input(form.querySelector('textarea[name="body-en"]')!, { target: { value: 'Runs small.' } });
    fireEvent.submit(form);
    await findIn(container, '[data-canned-id="cnr_size"]');
    expect(container.querySelector('[data-canned-id="cnr_size"]')!.textContent).toContain('Sales');

    fireEvent.click(container.querySelector('[aria-label="Delete /enviament"]')!);
    await waitFor(() => expect(container.querySelector('[data-canned-id="cnr_ship"]')).toBeNull());
    expect(api.writes()).toEqual([
      {
        method: 'POST',
        path: '/api/canned-replies',
        body: { shortcut: 'talla', title: 'Sizes', scope: 'shared', departmentId: sales.id, bodies: { ca: '', es: '', en: 'Runs small.' } },
      },
      { method: 'DELETE', path: '/api/canned-replies/cnr_ship', body: undefined },
    ]);
    expect(container.querySelector('[role="status"]')!.textContent).toBe('Deleted /enviament.');
  });
});
