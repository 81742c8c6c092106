import type { AttachmentInfo, CannedReply } from '@mostrador/shared';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../testApi.ts';
import { CannedForm } from './CannedForm.tsx';

const logo: AttachmentInfo = { id: 'att_logo', name: 'logo.png', mime: 'image/png', type: 'image', size: 68 };
const banner: AttachmentInfo = { ...logo, id: 'att_banner', name: 'banner.png' };
const upload = vi.fn();
const discard = vi.fn();

vi.mock('../../api/attachments.ts', () => ({
  uploadAttachment: (...args: unknown[]) => upload(...args),
  discardAttachment: (id: string) => discard(id),
  attachmentLink: async (id: string) => ({ ok: true, data: { url: `/api/files/${id}`, thumbUrl: `/api/files/${id}?thumb`, expiresAt: 1 } }),
}));

const reply: CannedReply = {
  id: 'cnr_logo',
  shortcut: 'logo',
  title: 'Our logo',
  scope: 'shared',
  departmentId: null,
  bodies: { ca: 'Aquí el tens', es: '', en: '' },
  picture: logo,
  updatedAt: 1,
};

describe('a canned reply’s picture on the admin page', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    upload.mockReset();
    discard.mockReset();
  });

  it('shows the picture, replaces it with an uploaded image and saves the reply with the new one', async () => {
    const api = stubApi({ 'PATCH /api/canned-replies/cnr_logo': [200, { reply: { ...reply, picture: banner } }] });
    upload.mockResolvedValue({ ok: true, data: banner });
    const onSaved = vi.fn();
    const { container } = render(<CannedForm reply={reply} departments={[]} onSaved={onSaved} />);
    const preview = () => container.querySelector('[data-part="canned-picture-preview"]');
    expect(preview()!.textContent).toContain('logo.png');
    await waitFor(() => expect(preview()!.querySelector('img')!.getAttribute('src')).toBe('/api/files/att_logo?thumb'));

    const input = screen.getByLabelText<HTMLInputElement>('Replace the picture');
    const file = new File([new Uint8Array([1])], 'banner.png', { type: 'image/png' });
    fireEvent.change(input, { target: { files: [file] } });
    await waitFor(() => expect(preview()!.textContent).toContain('banner.png'));
    expect(upload).toHaveBeenCalledWith(file, 'banner.png', expect.any(String));
    // Replacing the reply's own picture takes nothing back: the server removes it once the reply is saved.
    expect(discard).not.toHaveBeenCalled();

    fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.writes()).toEqual([
      { method: 'PATCH', path: '/api/canned-replies/cnr_logo', body: expect.objectContaining({ pictureId: 'att_banner' }) },
    ]);
  });

  it('takes back an upload replaced or removed before the reply is saved', async () => {
    stubApi({});
    const { container } = render(<CannedForm departments={[]} onSaved={vi.fn()} />);
    const preview = () => container.querySelector('[data-part="canned-picture-preview"]');
    upload.mockResolvedValueOnce({ ok: true, data: logo }).mockResolvedValueOnce({ ok: true, data: banner });
    const pick = (name: string) =>
      fireEvent.change(container.querySelector('input[type="file"]')!, { target: { files: [new File([new Uint8Array([1])], name)] } });
    pick('logo.png');
    await waitFor(() => expect(preview()?.textContent).toContain('logo.png'));
    pick('banner.png');
    await waitFor(() => expect(preview()?.textContent).toContain('banner.png'));
    expect(discard).toHaveBeenCalledWith('att_logo');
    screen.getByRole('button', { name: 'Remove the picture' }).click();
    await waitFor(() => expect(discard).toHaveBeenCalledWith('att_banner'));
  });

  it('removes the picture with the keyboard-reachable button, and saves without one; an unchanged picture is not sent', async () => {
    const api = stubApi({ 'PATCH /api/canned-replies/cnr_logo': [200, { reply }] });
    const onSaved = vi.fn();
    const { container } = render(<CannedForm reply={reply} departments={[]} onSaved={onSaved} />);
    fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(api.writes()[0]!.body).not.toHaveProperty('pictureId');

    screen.getByRole('button', { name: 'Remove the picture' }).click();
    await waitFor(() => expect(container.querySelector('[data-part="canned-picture-preview"]')).toBeNull());
    expect(discard).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Attach a picture')).toBeTruthy();
    fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(2));
    expect(api.writes()[1]!.body).toMatchObject({ pictureId: null });
  });
});
