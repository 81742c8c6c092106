import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openKeptBytes } from './keptBytes.ts';
import { flush } from '../transport/fakeTransport.ts';
import { fakeUploadRoute, stored } from './testUploads.ts';
import { Uploads } from './uploads.ts';

const png = (name: string, size = 68) => new File([new Uint8Array(size)], name, { type: 'image/png' });
const rules = { maxBytes: 1000, types: ['image' as const] };

function setup() {
  const route = fakeUploadRoute();
  let ids = 0;
  const uploads = new Uploads(
    route.api,
    () => rules,
    () => `upload-id-${++ids}`,
  );
  return { ...route, uploads };
}

/** A tab's sessionStorage, in memory. */
function tabStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

describe('uploads', () => {
  it('keeps the stored files not sent yet for the tab’s next page, which shows them ready; sending or removing forgets them', async () => {
    const tab = tabStorage();
    const place = { store: tab, key: 'site:files' };
    const route = fakeUploadRoute();
    const first = new Uploads(
      route.api,
      () => rules,
      () => 'upload-id-1',
      place,
    );
    first.add([png('a.png')]);
    route.calls[0]!.answer({ ok: true, file: stored('att_a', 'a.png') });
    await flush();
    // The next page of the shop: a new panel, the same tab.
    const next = new Uploads(
      route.api,
      () => rules,
      () => 'upload-id-2',
      place,
    );
    expect(next.store.get()).toEqual([
      { clientId: 'upload-id-1', name: 'a.png', file: stored('att_a', 'a.png'), state: 'ready', progress: 1 },
    ]);
    expect(next.ready().map((f) => f.id)).toEqual(['att_a']);
    next.sent();
    expect(new Uploads(route.api, () => rules, undefined, place).store.get()).toEqual([]);
  });

  it('sends a file the last page was still uploading again from its kept bytes, with its client id, then forgets the bytes', async () => {
    const tab = tabStorage();
    const place = { store: tab, key: 'site:files' };
    const origin = new IDBFactory();
    const bytes = () => openKeptBytes('mostrador:site:files', origin);
    const route = fakeUploadRoute();
    const first = new Uploads(
      route.api,
      () => rules,
      () => 'upload-id-1',
      place,
      bytes(),
    );
    first.add([png('a.png', 5)]);
    await expect.poll(async () => (await bytes())!.take('upload-id-1')).not.toBeNull();
    // The shopper moves on before the upload ends: the request dies with the page, unanswered.
    const next = new Uploads(
      route.api,
      () => rules,
      () => 'upload-id-2',
      place,
      bytes(),
    );
    expect(next.store.get()).toEqual([{ clientId: 'upload-id-1', name: 'a.png', state: 'uploading', progress: 0 }]);
    await expect.poll(() => route.calls.length).toBe(2);
    expect(route.calls[1]).toMatchObject({ clientId: 'upload-id-1', name: 'a.png' });
    route.calls[1]!.answer({ ok: true, file: stored('att_a', 'a.png') });
    await flush();
    expect(next.ready().map((f) => f.id)).toEqual(['att_a']);
    await expect.poll(async () => (await bytes())!.take('upload-id-1')).toBeNull();
    // A third page finds it ready, not uploading.
    expect(new Uploads(route.api, () => rules, undefined, place, bytes()).store.get()).toMatchObject([{ state: 'ready' }]);
  });

  it('tells the shopper a file was lost with the page when its bytes could not be kept', async () => {
    const tab = tabStorage();
    const place = { store: tab, key: 'site:files' };
    const route = fakeUploadRoute();
    new Uploads(
      route.api,
      () => rules,
      () => 'upload-id-1',
      place,
    ).add([png('a.png')]);
    const next = new Uploads(route.api, () => rules, undefined, place);
    await expect
      .poll(() => next.store.get())
      .toEqual([{ clientId: 'upload-id-1', name: 'a.png', state: 'failed', progress: 0, error: 'lost' }]);
    expect(route.calls).toHaveLength(1);
    // Read and removed, it is not kept for another page.
    next.remove('upload-id-1');
    expect(new Uploads(route.api, () => rules, undefined, place).store.get()).toEqual([]);
  });

  it('forgets kept files after half a day, and ignores what it cannot read', () => {
    const tab = tabStorage();
    const place = { store: tab, key: 'site:files' };
    const old = { at: Date.now() - 13 * 3_600_000, files: [{ clientId: 'c', name: 'a.png', file: stored('att_a', 'a.png') }] };
    tab.setItem('site:files', JSON.stringify(old));
    expect(new Uploads(fakeUploadRoute().api, () => rules, undefined, place).store.get()).toEqual([]);
    tab.setItem('site:files', '{not json');
    expect(new Uploads(fakeUploadRoute().api, () => rules, undefined, place).store.get()).toEqual([]);
    tab.setItem(
      'site:files',
      JSON.stringify({ at: Date.now(), files: [{ clientId: 1 }, { clientId: 'c', name: 'b.png', file: stored('att_b', 'b.png') }] }),
    );
    expect(new Uploads(fakeUploadRoute().api, () => rules, undefined, place).ready().map((f) => f.id)).toEqual(['att_b']);
  });

  it('uploads each picked file at once, with its progress, and holds it ready for the message', async () => {
    const { uploads, calls } = setup();
    uploads.add([png('a.png'), png('b.png')]);
    expect(calls.map((c) => [c.name, c.clientId])).toEqual([
      ['a.png', 'upload-id-1'],
      ['b.png', 'upload-id-2'],
    ]);
    calls[0]!.progress(0.4);
    expect(uploads.store.get().map((f) => [f.state, f.progress])).toEqual([
      ['uploading', 0.4],
      ['uploading', 0],
    ]);
    expect(uploads.busy).toBe(true);
    calls[0]!.answer({ ok: true, file: stored('att_a', 'a.png') });
    calls[1]!.answer({ ok: true, file: stored('att_b', 'b.png') });
    await flush();
    expect(uploads.busy).toBe(false);
    expect(uploads.ready().map((f) => f.id)).toEqual(['att_a', 'att_b']);
    uploads.sent();
    expect(uploads.store.get()).toEqual([]);
  });

  it('refuses a file over the site’s limit without sending a byte, and keeps the server’s refusals with their reason', async () => {
    const { uploads, calls } = setup();
    uploads.add([png('huge.png', 1001), png('fake.png'), png('off.png')]);
    expect(calls.map((c) => c.name)).toEqual(['fake.png', 'off.png']);
    calls[0]!.answer({ ok: false, error: 'unsupported_type' });
    calls[1]!.answer({ ok: false, error: 'forbidden' });
    await flush();
    expect(uploads.store.get().map((f) => [f.name, f.state, f.error])).toEqual([
      ['huge.png', 'failed', 'too_large'],
      ['fake.png', 'failed', 'unsupported_type'],
      ['off.png', 'failed', 'forbidden'],
    ]);
    // A refusal is not retried: the same bytes would be refused again.
    uploads.retry(uploads.store.get()[1]!.clientId);
    expect(calls).toHaveLength(2);
    expect(uploads.ready()).toEqual([]);
  });

  it('cancels an upload when its file is removed, and ignores the answer that follows', async () => {
    const { uploads, calls } = setup();
    uploads.add([png('a.png')]);
    uploads.remove('upload-id-1');
    expect(calls[0]!.abort).toHaveBeenCalledTimes(1);
    await flush();
    expect(uploads.store.get()).toEqual([]);
  });

  it('takes back from the server a stored file the shopper removes; a file still uploading or refused has nothing to take back', async () => {
    const { uploads, calls, discarded } = setup();
    uploads.add([png('a.png'), png('b.png'), png('c.png')]);
    calls[0]!.answer({ ok: true, file: stored('att_a', 'a.png') });
    calls[1]!.answer({ ok: false, error: 'unsupported_type' });
    await flush();
    uploads.remove('upload-id-1');
    uploads.remove('upload-id-2');
    uploads.remove('upload-id-3');
    expect(discarded).toEqual(['att_a']);
    expect(uploads.store.get()).toEqual([]);
  });

  it('sends again every upload the network lost when the connection returns, never a refused one', async () => {
    const { uploads, calls } = setup();
    uploads.add([png('lost.png'), png('refused.png'), png('done.png')]);
    calls[0]!.answer({ ok: false, error: 'failed' });
    calls[1]!.answer({ ok: false, error: 'unsupported_type' });
    calls[2]!.answer({ ok: true, file: stored('att_done', 'done.png') });
    await flush();
    uploads.retryFailed();
    expect(calls.slice(3).map((c) => [c.name, c.clientId])).toEqual([['lost.png', 'upload-id-1']]);
    expect(uploads.store.get().map((f) => f.state)).toEqual(['uploading', 'failed', 'ready']);
  });

  it('retries an upload the network lost with the same client id, so the server stores it once', async () => {
    const { uploads, calls } = setup();
    uploads.add([png('a.png')]);
    calls[0]!.answer({ ok: false, error: 'failed' });
    await flush();
    expect(uploads.store.get()).toMatchObject([{ state: 'failed', error: 'failed' }]);
    uploads.retry('upload-id-1');
    expect(calls.map((c) => c.clientId)).toEqual(['upload-id-1', 'upload-id-1']);
    calls[1]!.answer({ ok: true, file: stored('att_a', 'a.png') });
    await flush();
    expect(uploads.store.get()).toMatchObject([{ state: 'ready', error: undefined }]);
  });

  it('takes at most ten files for a message, and nothing on a site that takes no files', () => {
    const { uploads, calls } = setup();
    uploads.add(Array.from({ length: 11 }, (_, i) => png(`${i}.png`)));
    expect(calls).toHaveLength(10);
    expect(uploads.store.get().at(-1)).toMatchObject({ name: '10.png', error: 'too_many' });
    const closed = new Uploads(fakeUploadRoute().api, () => null);
    closed.add([png('a.png')]);
    expect(closed.store.get()).toEqual([]);
  });
});
