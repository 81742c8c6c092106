import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findIn, stubApi } from '../testApi.ts';
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
};

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
          typingPreview: true,
          identityEnforced: false,
        },
      },
    ]);
    expect(origins.value).toBe('self\nhttps://shop.example\nhttps://www.shop.example');
  });

  it('asks for a name and an email before any chat: a labelled choice, saved with the rest and shown as the server kept it', async () => {
    const withPreChat = { ...site, preChat: 'off' };
    const api = stubApi({
      'GET /api/admin/site': [200, withPreChat],
      'PATCH /api/admin/site': (body) => [200, { ...withPreChat, ...(body as object) }],
    });
    const { container } = render(<SitePage />);
    const form = await findIn(container, 'form[data-part="site-settings"]');
    const choice = form.querySelector<HTMLSelectElement>('select[name="preChat"]')!;
    expect(choice.value).toBe('off');
    expect(container.querySelector(`label[for="${choice.id}"]`)?.textContent).toBe('Before any chat, ask for');
    expect([...choice.options].map((o) => [o.value, o.textContent])).toEqual([
      ['off', 'Nothing'],
      ['email', 'Email'],
      ['name_email', 'Name and email'],
    ]);
    fireEvent.change(choice, { target: { value: 'name_email' } });
    fireEvent.submit(form);

    await screen.findByText('Site settings saved.');
    expect(api.writes()[0]?.body).toMatchObject({ preChat: 'name_email' });
    expect(choice.value).toBe('name_email');
  });

  it('turns the NPS question on and asking again off, saved with the rest', async () => {
    const withFeedback = { ...site, ratingEnabled: true, ratingAskAgain: true, npsEnabled: false };
    const api = stubApi({
      'GET /api/admin/site': [200, withFeedback],
      'PATCH /api/admin/site': (body) => [200, { ...withFeedback, ...(body as object) }],
    });
    const { container } = render(<SitePage />);
    const form = await findIn(container, 'form[data-part="site-settings"]');
    const nps = form.querySelector<HTMLInputElement>('input[name="npsEnabled"]')!;
    expect(nps.getAttribute('role')).toBe('switch');
    expect(nps.checked).toBe(false);
    fireEvent.click(nps);
    fireEvent.click(form.querySelector('input[name="ratingAskAgain"]')!);
    fireEvent.submit(form);

    await screen.findByText('Site settings saved.');
    expect(api.writes()[0]?.body).toMatchObject({ ratingEnabled: true, ratingAskAgain: false, npsEnabled: true });
    expect(nps.checked).toBe(true);
    expect(form.querySelector<HTMLInputElement>('input[name="ratingAskAgain"]')!.checked).toBe(false);
  });

  it('switches typing preview off and verified identity on, and saves both', async () => {
    const api = stubApi({
      'GET /api/admin/site': [200, site],
      'PATCH /api/admin/site': (body) => [200, { ...site, ...(body as object) }],
    });
    const { container } = render(<SitePage />);
    const form = await findIn(container, 'form[data-part="site-settings"]');
    const preview = screen.getByRole<HTMLInputElement>('switch', { name: /Show agents what visitors are typing/ });
    const enforced = screen.getByRole<HTMLInputElement>('switch', { name: /Require verified identity/ });
    expect([preview.checked, enforced.checked]).toEqual([true, false]);

    fireEvent.click(preview);
    fireEvent.click(enforced);
    fireEvent.submit(form);

    await screen.findByText('Site settings saved.');
    expect(api.writes()[0]?.body).toMatchObject({ typingPreview: false, identityEnforced: true });
    expect([preview.checked, enforced.checked]).toEqual([false, true]);
  });

  it('masks the identity secret until revealed, and copies it without showing it', async () => {
    stubApi({ 'GET /api/admin/site': [200, site] });
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { container } = render(<SitePage />);
    const secret = await findIn<HTMLInputElement>(container, 'input[data-part="secret"]');
    expect(secret.type).toBe('password');
    expect(secret.value).toBe(site.identitySecret);
    expect(screen.getByText(/signs each customer id with this secret \(HMAC-SHA256\)/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Show secret' }));
    expect(secret.type).toBe('text');
    fireEvent.click(screen.getByRole('button', { name: 'Hide secret' }));
    expect(secret.type).toBe('password');

    fireEvent.click(screen.getByRole('button', { name: 'Copy secret' }));
    await screen.findByText('Secret copied to the clipboard.');
    expect(writeText).toHaveBeenCalledWith(site.identitySecret);
    expect(secret.type).toBe('password');
  });

  it('rotates the secret only after confirming, and shows the new one', async () => {
    const api = stubApi({
      'GET /api/admin/site': [200, site],
      'POST /api/admin/site/identity-secret': [200, { ...site, identitySecret: 'secret-two-fedcba9876543210' }],
    });
    const { container } = render(<SitePage />);
    const rotate = await findIn(container, 'button[data-part="rotate-secret"]');

    fireEvent.click(rotate);
    const dialog = screen.getByRole('dialog', { name: 'Rotate the identity secret?' });
    fireEvent.click(dialog.querySelector('button[data-part="cancel"]')!);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.writes()).toEqual([]);

    rotate.focus();
    fireEvent.click(rotate);
    fireEvent.click(screen.getByRole('dialog').querySelector('button[data-part="confirm"]')!);
    await screen.findByText(/A new secret was generated/);
    expect(api.writes()).toEqual([{ method: 'POST', path: '/api/admin/site/identity-secret', body: undefined }]);
    expect(container.querySelector<HTMLInputElement>('input[data-part="secret"]')!.value).toBe('secret-two-fedcba9876543210');
    expect(document.activeElement).toBe(rotate);
  });

  it('shows why a rotation failed', async () => {
    stubApi({
      'GET /api/admin/site': [200, site],
      'POST /api/admin/site/identity-secret': [403, { error: { code: 'forbidden', message: 'Admins only' } }],
    });
    const { container } = render(<SitePage />);
    fireEvent.click(await findIn(container, 'button[data-part="rotate-secret"]'));
    fireEvent.click(screen.getByRole('dialog').querySelector('button[data-part="confirm"]')!);
    expect((await screen.findByRole('alert')).textContent).toBe('Only administrators can change these settings.');
    expect(container.querySelector<HTMLInputElement>('input[data-part="secret"]')!.value).toBe(site.identitySecret);
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

  it('lists recently refused origins and allows one in a click, adding it to the origins being edited', async () => {
    const lastSeenAt = Date.now() - 5 * 60_000;
    const api = stubApi({
      'GET /api/admin/site': [200, site],
      'GET /api/admin/site/refused-origins': [
        200,
        {
          origins: [
            { origin: 'https://new-shop.example', lastSeenAt, count: 12 },
            { origin: 'https://typo.example', lastSeenAt, count: 1 },
          ],
        },
      ],
      'POST /api/admin/site/allowed-origins': (body) => [
        200,
        { ...site, allowedOrigins: [...site.allowedOrigins, (body as { origin: string }).origin] },
      ],
    });
    const { container } = render(<SitePage />);
    const form = await findIn(container, 'form[data-part="site-settings"]');
    const origins = form.querySelector<HTMLTextAreaElement>('textarea[name="allowedOrigins"]')!;
    fireEvent.input(origins, { target: { value: 'self\nhttps://typed-not-saved.example' } });

    const table = await screen.findByRole('table', { name: 'Recently refused origins' });
    const row = table.querySelector<HTMLElement>('tr[data-origin="https://new-shop.example"]')!;
    expect(row.textContent).toContain('12');
    expect(row.querySelector('time')?.getAttribute('datetime')).toBe(new Date(lastSeenAt).toISOString());

    fireEvent.click(screen.getByRole('button', { name: 'Allow https://new-shop.example' }));
    await screen.findByText('https://new-shop.example is allowed now.');
    expect(api.writes()).toEqual([
      { method: 'POST', path: '/api/admin/site/allowed-origins', body: { origin: 'https://new-shop.example' } },
    ]);
    expect(origins.value).toBe('self\nhttps://typed-not-saved.example\nhttps://new-shop.example');
    expect(table.querySelector('tr[data-origin="https://new-shop.example"]')).toBeNull();
    expect(table.querySelector('tr[data-origin="https://typo.example"]')).not.toBeNull();
  });

  it('says why an allow failed, and keeps the origin listed', async () => {
    stubApi({
      'GET /api/admin/site': [200, site],
      'GET /api/admin/site/refused-origins': [200, { origins: [{ origin: 'https://x.example', lastSeenAt: 1, count: 1 }] }],
      'POST /api/admin/site/allowed-origins': [403, { error: { code: 'forbidden', message: '' } }],
    });
    const { container } = render(<SitePage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow https://x.example' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Only administrators can change these settings.');
    expect(container.querySelector('tr[data-origin="https://x.example"]')).not.toBeNull();
  });
});
