import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findIn, stubApi } from '../testApi.ts';
import { parseMaxMb } from './AttachmentRulesForm.tsx';
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
  conversationRetentionDays: null,
  trailRetentionDays: null,
};

describe('attachment rules', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('takes a whole number of megabytes from 1 to 100 only', () => {
    expect(['20', ' 5 ', '0', '101', '2.5', 'lots'].map(parseMaxMb)).toEqual([20, 5, undefined, undefined, undefined, undefined]);
  });

  it('saves the size, the kinds of file and the shoppers’ switch on their own, and refuses a size out of range', async () => {
    const api = stubApi({
      'GET /api/admin/site': [200, site],
      'PATCH /api/admin/site': (body) => [200, { ...site, ...(body as object) }],
    });
    const { container } = render(<SitePage />);
    const form = await findIn(container, 'form[data-part="attachment-rules"]');
    const size = form.querySelector<HTMLInputElement>('input[name="attachmentMaxMb"]')!;
    expect(size.value).toBe('20');

    fireEvent.input(size, { target: { value: '500' } });
    fireEvent.submit(form);
    expect((await screen.findByRole('alert')).textContent).toBe('Enter a whole number of megabytes from 1 to 100.');
    expect(api.writes()).toHaveLength(0);

    fireEvent.input(size, { target: { value: '5' } });
    fireEvent.click(form.querySelector<HTMLInputElement>('input[name="type-archive"]')!);
    fireEvent.click(form.querySelector<HTMLInputElement>('input[name="visitorUploads"]')!);
    fireEvent.submit(form);
    await screen.findByText('File rules saved.');
    expect(api.writes().map((c) => c.body)).toEqual([
      { attachmentMaxMb: 5, attachmentTypes: ['image', 'pdf', 'text', 'office'], visitorUploads: false },
    ]);
  });
});
