import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AttachmentInfo, Result } from '@mostrador/shared';
import { AttachmentList } from './AttachmentList.tsx';
import { Composer } from './Composer.tsx';
import type { Upload } from './usePendingFiles.ts';

const photo: AttachmentInfo = { id: 'att_photo', name: 'parcel.jpg', mime: 'image/jpeg', type: 'image', size: 240_000 };
const invoice: AttachmentInfo = { id: 'att_invoice', name: 'Factura 1042.pdf', mime: 'application/pdf', type: 'pdf', size: 52_300 };

/** An upload the test settles by hand, keeping what each call was given. */
function manualUpload() {
  const calls: Array<{ name: string; clientId: string; signal?: AbortSignal | undefined; settle: (r: Result<AttachmentInfo>) => void }> =
    [];
  const upload: Upload = (_file, name, clientId, signal) =>
    new Promise((settle) => {
      calls.push({ name, clientId, signal, settle });
    });
  return { upload, calls };
}

function setup(conversationId = 'conv_a') {
  const onSend = vi.fn();
  const discard = vi.fn<(id: string) => void>();
  const { upload, calls } = manualUpload();
  const view = render(<Composer conversationId={conversationId} drafts={new Map()} onSend={onSend} upload={upload} discard={discard} />);
  const input = view.container.querySelector<HTMLInputElement>('[data-part="file-input"]')!;
  const pick = (...files: File[]) => fireEvent.change(input, { target: { files } });
  const sendButton = () => view.container.querySelector<HTMLButtonElement>('[data-part="send"]')!;
  return { ...view, onSend, discard, calls, pick, sendButton };
}

describe('attachments in the console', () => {
  afterEach(cleanup);

  it('uploads a picked file at once, holds the reply until it is stored, then sends it with no words needed', async () => {
    const { calls, pick, sendButton, onSend, getByText, getByRole } = setup();
    expect(getByRole('button', { name: /Attach files/ })).toBeTruthy();
    pick(new File(['%PDF-1.4'], 'Factura 1042.pdf', { type: 'application/pdf' }));
    expect(calls.map((c) => c.name)).toEqual(['Factura 1042.pdf']);
    expect(getByText('Uploading Factura 1042.pdf…')).toBeTruthy();
    expect(sendButton().disabled).toBe(true);
    calls[0]!.settle({ ok: true, data: invoice });
    await waitFor(() => expect(getByText('Factura 1042.pdf, ready to send')).toBeTruthy());
    expect(sendButton().disabled).toBe(false);
    fireEvent.click(sendButton());
    expect(onSend).toHaveBeenCalledWith('', false, [invoice], null);
  });

  it('says why the server refused a file, and removing a file cancels its upload', async () => {
    const { calls, pick, getByRole, queryByText, sendButton } = setup();
    pick(new File(['x'], 'huge.mov'), new File(['y'], 'slow.pdf'));
    calls[0]!.settle({ ok: false, error: { code: 'too_large', message: '' } });
    await waitFor(() => expect(getByRole('alert').textContent).toBe('huge.mov is over this shop’s size limit.'));
    fireEvent.click(getByRole('button', { name: 'Remove slow.pdf' }));
    expect(calls[1]!.signal?.aborted).toBe(true);
    expect(queryByText(/slow\.pdf/)).toBeNull();
    // A refused file never goes: with no words and nothing ready there is nothing to send.
    expect(sendButton().disabled).toBe(true);
  });

  it('takes back from the server a stored file the agent removes, or leaves behind by switching chats; never a sent one', async () => {
    const { calls, pick, getByRole, getByText, discard, sendButton, rerender, onSend } = setup();
    pick(new File(['%PDF-1.4'], 'Factura 1042.pdf'), new File(['jpg'], 'parcel.jpg'));
    calls[0]!.settle({ ok: true, data: invoice });
    calls[1]!.settle({ ok: true, data: photo });
    await waitFor(() => expect(getByText('parcel.jpg, ready to send')).toBeTruthy());
    fireEvent.click(getByRole('button', { name: 'Remove Factura 1042.pdf' }));
    expect(discard.mock.calls).toEqual([['att_invoice']]);
    fireEvent.click(sendButton());
    expect(onSend).toHaveBeenCalledWith('', false, [photo], null);

    pick(new File(['%PDF-1.4'], 'draft.pdf'));
    calls[2]!.settle({ ok: true, data: { ...invoice, id: 'att_draft', name: 'draft.pdf' } });
    await waitFor(() => expect(getByText('draft.pdf, ready to send')).toBeTruthy());
    rerender(
      <Composer conversationId="conv_b" drafts={new Map()} onSend={onSend} upload={() => new Promise(() => {})} discard={discard} />,
    );
    expect(discard.mock.calls).toEqual([['att_invoice'], ['att_draft']]);
  });

  it('takes a pasted file as an attachment, not as text', () => {
    const { calls, container } = setup();
    const textarea = container.querySelector('textarea')!;
    fireEvent.paste(textarea, { clipboardData: { files: [new File(['png'], 'screenshot.png', { type: 'image/png' })] } });
    expect(calls.map((c) => c.name)).toEqual(['screenshot.png']);
  });

  it('shows a picture as a thumbnail that opens full size, and any other file as a card with name, type and size', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    let n = 0;
    const link = vi.fn((id: string) => {
      const url = `/api/files/${id}?n=${++n}`;
      return Promise.resolve({ ok: true as const, data: { url, thumbUrl: `${url}&variant=thumb`, expiresAt: Date.now() + 300_000 } });
    });
    const { getByRole, container } = render(<AttachmentList files={[photo, invoice]} link={link} />);
    const thumb = getByRole('button', { name: 'Open parcel.jpg full size' });
    // The history shows the thumbnail; a click opens the full picture.
    await waitFor(() => expect(thumb.querySelector('img')?.getAttribute('src')).toBe('/api/files/att_photo?n=1&variant=thumb'));
    fireEvent.click(thumb);
    // A fresh link at each click: the one the thumbnail used may have expired.
    await waitFor(() => expect(open).toHaveBeenCalledWith('/api/files/att_photo?n=2', '_blank', 'noopener,noreferrer'));
    const card = container.querySelector('[data-part="attachment-file"]')!;
    expect(card.textContent).toContain('Factura 1042.pdf');
    expect(card.textContent).toContain('PDF');
    expect(card.textContent).toContain('51 kB');
    fireEvent.click(getByRole('button', { name: 'Download Factura 1042.pdf' }));
    await waitFor(() => expect(open).toHaveBeenLastCalledWith('/api/files/att_invoice?n=3', '_blank', 'noopener,noreferrer'));
    open.mockRestore();
  });
});
