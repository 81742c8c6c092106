import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findIn, stubApi } from '../testApi.ts';
import { TagsPage } from './TagsPage.tsx';

const vip = { id: 'tag_vip', name: 'vip', colour: 'grey' };
const returns = { id: 'tag_ret', name: 'devolució', colour: 'grey' };

describe('TagsPage', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('colours, renames and merges tags', async () => {
    const api = stubApi({
      'GET /api/tags': [200, { tags: [returns, vip] }],
      'PATCH /api/admin/tags/tag_vip': (body) => [200, { tag: { ...vip, ...(body as object) } }],
      'POST /api/admin/tags/tag_ret/merge': [200, { tag: vip }],
    });
    const { container, getByLabelText } = render(<TagsPage />);
    await findIn(container, '[data-tag-id="tag_vip"]');
    fireEvent.change(getByLabelText('Colour of vip'), { target: { value: 'red' } });
    await waitFor(() => expect(container.querySelector('[role="status"]')!.textContent).toBe('Saved vip.'));
    fireEvent.change(getByLabelText('Rename vip'), { target: { value: 'VIP client' } });
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    fireEvent.change(getByLabelText('Merge devolució into another tag'), { target: { value: 'tag_vip' } });
    await waitFor(() => expect(container.querySelector('[data-tag-id="tag_ret"]')).toBeNull());
    expect(api.writes()).toEqual([
      { method: 'PATCH', path: '/api/admin/tags/tag_vip', body: { colour: 'red' } },
      { method: 'PATCH', path: '/api/admin/tags/tag_vip', body: { name: 'vip client' } },
      { method: 'POST', path: '/api/admin/tags/tag_ret/merge', body: { into: 'tag_vip' } },
    ]);
  });
});
