import { act, cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatSession } from '../chat/chatSession.ts';
import { stored, testFiles } from '../files/testUploads.ts';
import { flush, type FakeTransport } from '../transport/fakeTransport.ts';
import { openPanelOnSite } from './testOpenPanel.tsx';

let chat: ChatSession;
afterEach(() => {
  chat.dispose();
  cleanup();
});

const rules = { maxBytes: 2 * 1024 * 1024, types: ['image' as const, 'pdf' as const] };
const photo = () => new File([new Uint8Array(68)], 'parcel.png', { type: 'image/png' });

async function openWithFiles(attachments: typeof rules | null = rules) {
  let route!: ReturnType<typeof testFiles>;
  const opened = await openPanelOnSite({ attachments }, null, undefined, (session) => {
    route = testFiles(() => session.view.get().attachments);
    return route.loader;
  });
  chat = opened.chat;
  const q = <T extends Element>(part: string) => opened.container.querySelector<T>(`[data-part="${part}"]`);
  const pick = async (...files: File[]) => {
    const input = q<HTMLInputElement>('file-input')!;
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    await act(async () => {
      fireEvent.change(input);
      await flush();
    });
  };
  return { ...opened, calls: route.calls, loader: route.loader, q, pick };
}

const sends = (transport: FakeTransport) => transport.pending('message:send');

describe('sending files from the panel', () => {
  it('offers the clip only where the site takes files, with a picker limited to its kinds', async () => {
    const { q, loader } = await openWithFiles();
    expect(q('attach')!.getAttribute('aria-label')).toBe('Attach files');
    // The files chunk comes on first use (here, the pointer on the clip), not with the panel.
    expect(loader.files.get()).toBeNull();
    await act(async () => {
      fireEvent.pointerEnter(q('attach')!);
      await flush();
    });
    expect(loader.files.get()).not.toBeNull();
    expect(q<HTMLInputElement>('file-input')!.accept).toBe('image/*,.pdf,application/pdf');
    cleanup();
    chat.dispose();
    const closed = await openWithFiles(null);
    expect(closed.q('attach')).toBeNull();
    expect(closed.q('file-input')).toBeNull();
  });

  it('shows a picked file uploading with its progress, and sends it alone (no words) once stored', async () => {
    const { q, pick, calls, transport, container } = await openWithFiles();
    await pick(photo());
    const progress = q<HTMLProgressElement>('file-progress')!;
    expect(progress.getAttribute('aria-label')).toBe('Uploading parcel.png');
    await act(() => calls[0]!.progress(0.5));
    expect(q<HTMLProgressElement>('file-progress')!.value).toBe(0.5);
    // The message waits for its file, words or not.
    expect(q<HTMLButtonElement>('send')!.disabled).toBe(true);
    await act(() => void fireEvent.input(q('composer')!, { target: { value: 'the box' } }));
    expect(q<HTMLButtonElement>('send')!.disabled).toBe(true);
    await act(() => void fireEvent.input(q('composer')!, { target: { value: '' } }));

    await act(async () => {
      calls[0]!.answer({ ok: true, file: stored('att_1', 'parcel.png') });
      await flush();
    });
    expect(q('file-progress')).toBeNull();
    // Stored: the picture's preview, from the chat server's link (no blob: URL the shop's CSP may refuse).
    await act(() => flush());
    expect(q<HTMLImageElement>('pending-thumb')).toMatchObject({ src: 'https://chat.example/api/files/att_1?sig=x', alt: '' });
    expect(q<HTMLButtonElement>('send')!.disabled).toBe(false);
    await act(() => void fireEvent.click(q('send')!));
    expect(sends(transport).map((r) => r.payload)).toMatchObject([{ body: '', attachments: ['att_1'] }]);
    // Gone from above the composer, shown with the pending message in the log.
    expect(q('pending-files')).toBeNull();
    expect(container.querySelector('[data-status="sending"] [data-part="attachment-image"]')).not.toBeNull();
  });

  it('cancels an upload from its button, and says why the shop refused a file', async () => {
    const { q, pick, calls, container } = await openWithFiles();
    await pick(photo());
    expect(q('file-remove')!.getAttribute('aria-label')).toBe('Cancel the upload of parcel.png');
    await act(() => void fireEvent.click(q('file-remove')!));
    expect(calls[0]!.abort).toHaveBeenCalled();
    expect(q('pending-files')).toBeNull();

    await pick(new File([new Uint8Array(3 * 1024 * 1024)], 'huge.png'), new File(['<svg/>'], 'cat.png'));
    expect(calls).toHaveLength(2);
    await act(async () => {
      calls[1]!.answer({ ok: false, error: 'unsupported_type' });
      await flush();
    });
    const errors = [...container.querySelectorAll('[data-part="file-error"]')];
    expect(errors.map((e) => [e.getAttribute('role'), e.textContent])).toEqual([
      ['alert', 'huge.png is too large: files up to 2 MB.'],
      ['alert', "cat.png: the shop doesn't take this kind of file."],
    ]);
    expect(q<HTMLButtonElement>('send')!.disabled).toBe(true);
  });

  it('offers a retry for an upload the network lost', async () => {
    const { q, pick, calls } = await openWithFiles();
    await pick(photo());
    await act(async () => {
      calls[0]!.answer({ ok: false, error: 'failed' });
      await flush();
    });
    expect(q('file-error')!.textContent).toBe("parcel.png couldn't be uploaded.");
    await act(() => void fireEvent.click(q('file-retry')!));
    expect(calls[1]!.clientId).toBe(calls[0]!.clientId);
  });

  it('sends an upload the network lost again on its own when the browser is back online', async () => {
    const { pick, calls } = await openWithFiles();
    await pick(photo());
    await act(async () => {
      calls[0]!.answer({ ok: false, error: 'failed' });
      await flush();
    });
    await act(() => void window.dispatchEvent(new Event('online')));
    expect(calls.map((c) => c.clientId)).toEqual([calls[0]!.clientId, calls[0]!.clientId]);
  });

  it('takes files pasted into the message field and dropped on the panel', async () => {
    const { q, calls } = await openWithFiles();
    const pasted = fireEvent.paste(q('composer')!, { clipboardData: { files: [photo()] } });
    expect(pasted).toBe(false);
    const panel = q('panel')!;
    const dataTransfer = { types: ['Files'], files: [new File(['%PDF-1.4'], 'invoice.pdf')] };
    expect(fireEvent.dragOver(panel, { dataTransfer })).toBe(false);
    await act(async () => {
      fireEvent.drop(panel, { dataTransfer });
      await flush();
    });
    expect(calls.map((c) => c.name)).toEqual(['parcel.png', 'invoice.pdf']);
    // Text dragged over the panel is left to the browser.
    expect(fireEvent.dragOver(panel, { dataTransfer: { types: ['text/plain'], files: [] } })).toBe(true);
  });
});
