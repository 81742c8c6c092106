import type { AttachmentInfo, AttachmentLink } from '@mostrador/shared';
import { act, cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { message } from '../chat/testEvents.ts';
import type { PanelFiles } from '../files/filesLoader.ts';
import { createLinkCache, type FileLinks } from '../files/linkCache.ts';
import { fakeUploadRoute } from '../files/testUploads.ts';
import { Uploads } from '../files/uploads.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { EarlierThreads } from './EarlierThreads.tsx';
import { PendingFiles } from './PendingFiles.tsx';
import { flush } from '../transport/fakeTransport.ts';
import { MessageItem } from './MessageItem.tsx';
import { renderInEnglish } from './testRender.tsx';

afterEach(cleanup);

const photo: AttachmentInfo = { id: 'att_photo', name: 'parcel.jpg', mime: 'image/jpeg', type: 'image', size: 48_000 };
const invoice: AttachmentInfo = { id: 'att_invoice', name: '<b>invoice</b>.pdf', mime: 'application/pdf', type: 'pdf', size: 14_200 };

/** Links as the server hands them: a new signature each time, valid for five minutes from `now`; a picture's with its thumbnail's. */
function server(now: { at: number }) {
  let issued = 0;
  const fetchLink = vi.fn(async (id: string): Promise<AttachmentLink | null> => {
    const url = `https://chat.example/api/files/${id}?sig=${++issued}`;
    const thumb = id === invoice.id ? {} : { thumbUrl: `${url}&variant=thumb` };
    return { url, ...thumb, expiresAt: now.at + 300_000 };
  });
  return { fetchLink, links: createLinkCache(fetchLink, () => now.at) };
}

async function renderMessage(files: AttachmentInfo[], links: FileLinks, body = '') {
  const chunk: PanelFiles = { links, uploads: new Uploads(fakeUploadRoute().api, () => null), AttachmentList, PendingFiles };
  const ui = () => (
    <ol>
      <MessageItem
        entry={{ kind: 'event', event: message(1, { body, attachments: files }), showAuthor: true, read: false }}
        files={chunk}
        onRetry={() => {}}
      />
    </ol>
  );
  const { container, rerender } = renderInEnglish(ui());
  // The log redraws when a link arrives, as App does.
  links.subscribe(() => rerender(ui()));
  await act(flush);
  return container;
}

describe('files in a message', () => {
  it('shows a message of files only without an empty bubble: a thumbnail and a card, named as text, opening in a new tab', async () => {
    const now = { at: 1_000_000 };
    const { links } = server(now);
    const container = await renderMessage([photo, invoice], links);
    expect(container.querySelector('[data-part="body"]')).toBeNull();

    const thumb = container.querySelector<HTMLAnchorElement>('[data-part="attachment-image"]')!;
    expect(thumb.getAttribute('aria-label')).toBe('Open parcel.jpg full size (new tab)');
    expect(thumb.querySelector('img')!.getAttribute('alt')).toBe('parcel.jpg');
    // The history shows the thumbnail; the link opens the full picture.
    expect(thumb.querySelector('img')!.getAttribute('src')).toBe('https://chat.example/api/files/att_photo?sig=1&variant=thumb');
    expect(thumb.href).toBe('https://chat.example/api/files/att_photo?sig=1');

    const card = container.querySelector<HTMLAnchorElement>('[data-part="attachment-file"]')!;
    expect(card.textContent).toBe('<b>invoice</b>.pdfPDF · 14 kB (opens in a new tab)');
    expect(card.querySelector('b')).toBeNull();
    for (const anchor of [thumb, card]) {
      expect(anchor.target).toBe('_blank');
      expect(anchor.rel).toBe('noopener noreferrer');
    }
  });

  it('keeps the words of a message with files above them', async () => {
    const { links } = server({ at: 0 });
    const container = await renderMessage([invoice], links, 'Here is your invoice');
    expect(container.querySelector('[data-part="body"]')!.textContent).toBe('Here is your invoice');
    expect(container.querySelectorAll('[data-part="attachment-file"]')).toHaveLength(1);
  });

  it('follows a live link on a click, and sends a click on an expired one to a fresh link in a window opened at once', async () => {
    const now = { at: 1_000_000 };
    const { links, fetchLink } = server(now);
    const container = await renderMessage([invoice], links);
    const card = container.querySelector<HTMLAnchorElement>('[data-part="attachment-file"]')!;
    const open = vi.spyOn(window, 'open');

    // Still live: the anchor's own navigation (no popup), to the link held.
    expect(fireEvent.click(card)).toBe(true);
    expect(open).not.toHaveBeenCalled();
    expect(fetchLink).toHaveBeenCalledTimes(1);

    // Ten minutes later (a sleeping tab): the window opens in the click itself, then goes to a fresh link.
    now.at += 600_000;
    const tab = { opener: 'page', location: { href: '' }, close: vi.fn() };
    open.mockReturnValue(tab as unknown as Window);
    expect(fireEvent.click(card)).toBe(false);
    expect(open).toHaveBeenCalledWith('', '_blank');
    expect(tab.opener).toBeNull();
    await act(flush);
    expect(tab.location.href).toBe('https://chat.example/api/files/att_invoice?sig=2');
    expect(card.href).toBe('https://chat.example/api/files/att_invoice?sig=2');
  });

  it('says a file is no longer available when the server will not link it', async () => {
    const now = { at: 0 };
    const fetchLink = vi.fn(async (): Promise<AttachmentLink | null> => null);
    const container = await renderMessage(
      [photo],
      createLinkCache(fetchLink, () => now.at),
    );
    expect(container.querySelector('[data-part="file-gone"]')!.textContent).toBe('parcel.jpg is no longer available.');
  });
});

describe('files in an earlier conversation', () => {
  it('show under its messages too', async () => {
    const { links } = server({ at: 0 });
    const chunk: PanelFiles = { links, uploads: new Uploads(fakeUploadRoute().api, () => null), AttachmentList, PendingFiles };
    const thread = { id: 'cnv_old', createdAt: 1_000, events: [message(1, { body: '', attachments: [invoice] })] };
    const { container } = renderInEnglish(<EarlierThreads threads={[thread]} more={false} onLoadMore={() => {}} files={chunk} />);
    expect(container.querySelector('[data-part="earlier-thread"] [data-part="attachment-file"] .file-name')!.textContent).toBe(
      '<b>invoice</b>.pdf',
    );
  });
});

describe('link cache', () => {
  it('asks once for concurrent needs, keeps a link until a minute before it expires, and hands a click only a live one', async () => {
    const now = { at: 0 };
    const { links, fetchLink } = server(now);
    const [a, b] = await Promise.all([links.fresh('att_1'), links.fresh('att_1')]);
    expect(a).toBe(b);
    expect(fetchLink).toHaveBeenCalledTimes(1);
    now.at += 230_000;
    expect(await links.fresh('att_1')).toBe(a);
    expect(links.peek('att_1')).toBe(a);
    now.at += 20_000;
    expect(await links.fresh('att_1')).not.toBe(a);
    now.at += 295_000;
    expect(links.peek('att_1')).toBeNull();
  });

  it('trusts a new link for half a minute even when this page’s clock is ahead of the server’s, so a shown file is not asked for in a loop', async () => {
    const now = { at: 10_000_000 };
    const fetchLink = vi.fn(
      async (id: string): Promise<AttachmentLink | null> => ({ url: `/api/files/${id}`, expiresAt: now.at - 600_000 }),
    );
    const links = createLinkCache(fetchLink, () => now.at);
    await links.fresh('att_1');
    expect(links.peek('att_1')).toBe('/api/files/att_1');
    now.at += 25_000;
    expect(links.peek('att_1')).toBeNull();
    expect(fetchLink).toHaveBeenCalledTimes(1);
  });

  it('tries a picture that did not load once more with a fresh link, then says it is gone', async () => {
    const now = { at: 0 };
    const { links, fetchLink } = server(now);
    await links.fresh('att_1');
    links.pictureFailed('att_1');
    await flush();
    expect(links.picture('att_1')).toBe('https://chat.example/api/files/att_1?sig=2&variant=thumb');
    links.pictureFailed('att_1');
    expect(links.gone('att_1')).toBe(true);
    expect(fetchLink).toHaveBeenCalledTimes(2);
  });
});
