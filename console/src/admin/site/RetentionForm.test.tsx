import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findIn, stubApi } from '../testApi.ts';
import { parseRetentionDays } from './RetentionForm.tsx';
import { SitePage } from './SitePage.tsx';

const site = {
  name: 'Botiga',
  key: 'site_key_123',
  allowedOrigins: ['self'],
  departmentChoice: false,
  typingPreview: true,
  identityEnforced: false,
  identitySecret: 'secret-one-0123456789abcdef',
  attachmentMaxMb: 20,
  attachmentTypes: ['image', 'pdf', 'text', 'office', 'archive'],
  visitorUploads: true,
  conversationRetentionDays: 365,
  trailRetentionDays: null,
};

describe('retention settings', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('reads empty as "keep for good" and refuses what is not a number of days', () => {
    expect(['', ' 30 ', '0', '3651', '1.5', 'ten'].map(parseRetentionDays)).toEqual([null, 30, undefined, undefined, undefined, undefined]);
  });

  it('saves both periods on their own, empty as null', async () => {
    const api = stubApi({
      'GET /api/admin/site': [200, site],
      'PATCH /api/admin/site': (body) => [200, { ...site, ...(body as object) }],
    });
    const { container } = render(<SitePage />);
    const form = await findIn(container, 'form[data-part="retention"]');
    const conversations = form.querySelector<HTMLInputElement>('input[name="conversationRetentionDays"]')!;
    const trail = form.querySelector<HTMLInputElement>('input[name="trailRetentionDays"]')!;
    expect([conversations.value, trail.value]).toEqual(['365', '']);

    fireEvent.input(trail, { target: { value: 'soon' } });
    fireEvent.submit(form);
    expect(screen.getByRole('alert').textContent).toBe('Enter a whole number of days from 1 to 3650, or leave the field empty.');
    expect(trail.getAttribute('aria-invalid')).toBe('true');
    expect(api.writes()).toEqual([]);

    fireEvent.input(conversations, { target: { value: '' } });
    fireEvent.input(trail, { target: { value: '30' } });
    fireEvent.submit(form);
    await screen.findByText('Retention saved.');
    expect(api.writes()).toEqual([
      { method: 'PATCH', path: '/api/admin/site', body: { conversationRetentionDays: null, trailRetentionDays: 30 } },
    ]);
  });
});
