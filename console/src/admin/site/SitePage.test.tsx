import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findIn, stubApi } from '../testApi.ts';
import { SitePage } from './SitePage.tsx';

const site = { name: 'Botiga', key: 'site_key_123', allowedOrigins: ['self'], departmentChoice: false };

describe('SitePage', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('saves the origins split by line, without blanks or repeats', async () => {
    const api = stubApi({
      'GET /api/admin/site': [200, site],
      'PATCH /api/admin/site': (body) => [200, { ...site, ...(body as object) }],
    });
    const { container } = render(<SitePage />);
    const form = await findIn(container, 'form[data-part="site-settings"]');
    const origins = form.querySelector<HTMLTextAreaElement>('textarea[name="allowedOrigins"]')!;
    expect(origins.value).toBe('self');

    fireEvent.input(origins, {
      target: { value: 'self\r\n  https://shop.example  \n\nhttps://www.shop.example\nself\n' },
    });
    fireEvent.click(form.querySelector('input[name="departmentChoice"]')!);
    fireEvent.submit(form);

    await screen.findByText('Site settings saved.');
    expect(api.writes()).toEqual([
      {
        method: 'PATCH',
        path: '/api/admin/site',
        body: {
          name: 'Botiga',
          allowedOrigins: ['self', 'https://shop.example', 'https://www.shop.example'],
          departmentChoice: true,
        },
      },
    ]);
    expect(origins.value).toBe('self\nhttps://shop.example\nhttps://www.shop.example');
  });

  it('shows a rejected origin in an alert', async () => {
    stubApi({
      'GET /api/admin/site': [200, site],
      'PATCH /api/admin/site': [400, { error: { code: 'invalid_payload', message: 'allowedOrigins.0: not an origin' } }],
    });
    const { container } = render(<SitePage />);
    const form = await findIn(container, 'form[data-part="site-settings"]');
    fireEvent.submit(form);
    expect((await screen.findByRole('alert')).textContent).toBe('allowedOrigins.0: not an origin');
  });

  it('offers the script tag and copies it, selecting the text when the clipboard is unavailable', async () => {
    stubApi({ 'GET /api/admin/site': [200, site] });
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { container } = render(<SitePage />);
    const field = await findIn<HTMLTextAreaElement>(container, '[data-part="script-tag"]');
    const expected = `<script async src="${location.origin}/widget.js" data-site="site_key_123"></script>`;
    expect(field.value).toBe(expected);
    expect(field.readOnly).toBe(true);

    fireEvent.click(container.querySelector('button[data-part="copy-script"]')!);
    await screen.findByText('Copied to the clipboard.');
    expect(writeText).toHaveBeenCalledWith(expected);

    writeText.mockRejectedValueOnce(new Error('denied'));
    fireEvent.click(container.querySelector('button[data-part="copy-script"]')!);
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(screen.getByText(/The text is selected/)).toBeTruthy();
    expect(field.selectionStart).toBe(0);
    expect(field.selectionEnd).toBe(expected.length);
  });
});
