import { rmSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import type { AttachmentLink } from '@mostrador/shared';
import { sqlOn, type TestServer } from '../../testing/harness.ts';
import { attachmentsRepository } from './attachments.module.ts';
import { LocalDiskStorage, type FileStorage } from './storage.ts';
import { THUMB_MAX_ATTEMPTS, ThumbnailWorker } from './thumbnail-worker.ts';
import { THUMB_MAX_SIDE } from './thumbnail.ts';
import { filesOnDisk, serverPerTest, shopperClient, thumbnailsDone, uploaded } from './test-clients.ts';
import { png, pngClaiming } from './test-files.ts';

const scope = serverPerTest();

/** A real photo: a gradient, so the encoders have something to keep. */
async function photo(width: number, height: number, format: 'png' | 'jpeg', exif = false): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7) % 251;
  const image = sharp(raw, { raw: { width, height, channels: 3 } });
  if (format === 'png') return image.png().toBuffer();
  // A phone's photo: stored sideways with "rotate 90°" in its EXIF, and where it was taken.
  const tagged = exif ? image.withExif({ IFD0: { Copyright: 'Carrer de Mallorca 401' } }).withMetadata({ orientation: 6 }) : image;
  return tagged.jpeg().toBuffer();
}

type Shopper = Awaited<ReturnType<typeof shopperClient>>;

async function linkOf(shopper: Shopper, id: string): Promise<AttachmentLink> {
  const res = await shopper.link(id);
  expect(res.status).toBe(200);
  return (await res.json()) as AttachmentLink;
}

const fetchPath = (server: TestServer, path: string) => fetch(`${server.url}${path}`);

function thumbState(server: TestServer, id: string) {
  return sqlOn(server.app.engine).get<{ state: string | null; key: string | null }>(
    'SELECT thumb_state AS state, thumb_key AS key FROM attachments WHERE id = ?',
    id,
  );
}

/** A second worker on the server's database and disk, whose writes go through `put`. */
function workerWritingWith(put: (bytes: Uint8Array, disk: LocalDiskStorage) => Promise<string>) {
  const disk = new LocalDiskStorage(scope.server.config.attachments.dir);
  const storage: FileStorage = {
    open: (key) => disk.open(key),
    remove: (keys) => disk.remove(keys),
    put: (bytes) => put(bytes, disk),
    incomingDir: disk.incomingDir,
    adopt: (path) => disk.adopt(path),
  };
  const log = { warn: vi.fn(), error: vi.fn() };
  const worker = new ThumbnailWorker(attachmentsRepository(scope.server.app.engine, scope.server.app.groupCommit), storage, {
    maxInputPixels: 1_000_000,
    log,
  });
  return { worker, log };
}

describe('thumbnails', () => {
  it('makes a WebP of at most 320 px with no metadata for a PNG and a JPEG, upright, served on the picture’s signed thumbnail link', async () => {
    const shopper = await shopperClient(scope.server, scope.sockets);
    const wide = await uploaded(await shopper.upload(await photo(1200, 900, 'png'), 'shelf.png'));
    const sideways = await uploaded(await shopper.upload(await photo(1000, 500, 'jpeg', true), 'parcel.jpg'));
    await thumbnailsDone(scope.server);

    const expected = { [wide.id]: [320, 240], [sideways.id]: [160, 320] };
    for (const file of [wide, sideways]) {
      expect((await thumbState(scope.server, file.id))?.state).toBe('ready');
      const link = await linkOf(shopper, file.id);
      const res = await fetchPath(scope.server, link.thumbUrl!);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      expect(res.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect(meta.format).toBe('webp');
      expect([meta.width, meta.height]).toEqual(expected[file.id]);
      expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(THUMB_MAX_SIDE);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      // The full picture is still there, as it was stored.
      const full = await fetchPath(scope.server, link.url);
      expect(full.headers.get('content-type')).toBe(file.mime);
    }
  });

  it('makes a still thumbnail of a GIF’s first frame, and one of a WebP', async () => {
    const frame = (red: number) =>
      sharp({ create: { width: 600, height: 400, channels: 3, background: { r: red, g: 0, b: 0 } } })
        .png()
        .toBuffer();
    const gif = await sharp([await frame(200), await frame(20)], { join: { animated: true } })
      .gif()
      .toBuffer();
    const webp = await sharp(await frame(90))
      .webp()
      .toBuffer();
    const shopper = await shopperClient(scope.server, scope.sockets);
    const files = [await uploaded(await shopper.upload(gif, 'dance.gif')), await uploaded(await shopper.upload(webp, 'shelf.webp'))];
    // The background pass may have made the first already: what counts is that both are made.
    await thumbnailsDone(scope.server);
    expect(await Promise.all(files.map(async (file) => (await thumbState(scope.server, file.id))?.state))).toEqual(['ready', 'ready']);
    for (const [file, red] of [
      [files[0]!, 200],
      [files[1]!, 90],
    ] as const) {
      const thumb = Buffer.from(await (await fetchPath(scope.server, (await linkOf(shopper, file.id)).thumbUrl!)).arrayBuffer());
      const meta = await sharp(thumb).metadata();
      expect([meta.format, meta.pages, meta.width, meta.height]).toEqual(['webp', undefined, 320, 213]);
      const [r] = await sharp(thumb).raw().toBuffer();
      expect(Math.abs(r! - red)).toBeLessThan(8);
    }
  });

  it('does not enlarge a picture smaller than a thumbnail', async () => {
    const shopper = await shopperClient(scope.server, scope.sockets);
    const dot = await uploaded(await shopper.upload(png(), 'dot.png'));
    await thumbnailsDone(scope.server);
    const res = await fetchPath(scope.server, (await linkOf(shopper, dot.id)).thumbUrl!);
    expect(res.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([1, 1]);
  });

  it('gives up at once on a corrupt picture or one of too many pixels, and serves the full picture in the thumbnail’s place', async () => {
    const shopper = await shopperClient(scope.server, scope.sockets);
    const bomb = pngClaiming(30_000, 30_000);
    const corrupt = pngClaiming(64, 64);
    const files = [await uploaded(await shopper.upload(bomb, 'bomb.png')), await uploaded(await shopper.upload(corrupt, 'broken.png'))];
    expect(await thumbnailsDone(scope.server)).toBe(0);
    for (const [file, bytes] of [
      [files[0]!, bomb],
      [files[1]!, corrupt],
    ] as const) {
      expect(await thumbState(scope.server, file.id)).toEqual({ state: 'failed', key: null });
      const res = await fetchPath(scope.server, (await linkOf(shopper, file.id)).thumbUrl!);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    }
    // Not tried again: a later pass finds nothing to do.
    expect(await thumbnailsDone(scope.server)).toBe(0);
    expect(filesOnDisk(scope.server)).toHaveLength(2);
  });

  it('gives up at once on a picture whose file is gone from the disk', async () => {
    const shopper = await shopperClient(scope.server, scope.sockets);
    // Stored with its job; the background pass must not take it before its file goes.
    await scope.server.app.services.thumbnails.stop();
    const file = await uploaded(await shopper.upload(png(), 'gone.png'));
    for (const path of filesOnDisk(scope.server)) rmSync(path);
    const worker = new ThumbnailWorker(
      attachmentsRepository(scope.server.app.engine, scope.server.app.groupCommit),
      new LocalDiskStorage(scope.server.config.attachments.dir),
      {
        maxInputPixels: 1_000_000,
        log: { warn: vi.fn(), error: vi.fn() },
      },
    );
    expect(await worker.runOnce()).toBe(0);
    expect(await thumbState(scope.server, file.id)).toEqual({ state: 'failed', key: null });
  });

  it('tries again on a later pass when the storage fails, three times at most, then serves the full picture for good', async () => {
    vi.spyOn(scope.server.app.services.thumbnails, 'wake').mockImplementation(() => undefined);
    const shopper = await shopperClient(scope.server, scope.sockets);
    const shelf = await uploaded(await shopper.upload(await photo(800, 600, 'png'), 'shelf.png'));
    const { worker, log } = workerWritingWith(() => Promise.reject(new Error('disk full')));
    const attempts = () => sqlOn(scope.server.app.engine).get('SELECT thumb_attempts AS n FROM attachments WHERE id = ?', shelf.id);
    for (let pass = 1; pass <= THUMB_MAX_ATTEMPTS; pass++) {
      expect((await thumbState(scope.server, shelf.id))?.state).toBe('pending');
      expect(await worker.runOnce()).toBe(0);
      expect(await attempts()).toEqual({ n: pass });
    }
    expect(await thumbState(scope.server, shelf.id)).toEqual({ state: 'failed', key: null });
    expect(await worker.runOnce()).toBe(0);
    expect(await attempts()).toEqual({ n: THUMB_MAX_ATTEMPTS });
    expect(log.warn).toHaveBeenCalledTimes(THUMB_MAX_ATTEMPTS);
    const res = await fetchPath(scope.server, (await linkOf(shopper, shelf.id)).thumbUrl!);
    expect(res.headers.get('content-type')).toBe('image/png');
  });

  it('removes a thumbnail finished after its picture was erased', async () => {
    vi.spyOn(scope.server.app.services.thumbnails, 'wake').mockImplementation(() => undefined);
    const shopper = await shopperClient(scope.server, scope.sockets);
    const shelf = await uploaded(await shopper.upload(await photo(800, 600, 'png'), 'shelf.png'));
    // The row goes (an erasure) while the thumbnail is being written.
    const { worker } = workerWritingWith(async (bytes, disk) => {
      await sqlOn(scope.server.app.engine).run('DELETE FROM attachments WHERE id = ?', shelf.id);
      return disk.put(bytes);
    });
    expect(await worker.runOnce()).toBe(0);
    // Only the picture's own file, which the erasure (here a bare DELETE) would remove: no orphan thumbnail.
    expect(filesOnDisk(scope.server)).toHaveLength(1);
  });

  it('acks an upload before its thumbnail is made: the job is pending, the link serves the full picture until it is ready', async () => {
    const worker = scope.server.app.services.thumbnails;
    // The worker is not woken: whatever is ready at the ack was made on the upload's own path.
    vi.spyOn(worker, 'wake').mockImplementation(() => undefined);
    const shopper = await shopperClient(scope.server, scope.sockets);
    const shelf = await uploaded(await shopper.upload(await photo(800, 600, 'png'), 'shelf.png'));
    expect(await thumbState(scope.server, shelf.id)).toEqual({ state: 'pending', key: null });
    expect(worker.wake).toHaveBeenCalledOnce();
    const link = await linkOf(shopper, shelf.id);
    expect((await fetchPath(scope.server, link.thumbUrl!)).headers.get('content-type')).toBe('image/png');

    expect(await worker.runOnce()).toBe(1);
    expect((await thumbState(scope.server, shelf.id))?.state).toBe('ready');
    expect((await fetchPath(scope.server, link.thumbUrl!)).headers.get('content-type')).toBe('image/webp');
  });

  it('resumes a pending job after a restart', async () => {
    vi.spyOn(scope.server.app.services.thumbnails, 'wake').mockImplementation(() => undefined);
    const shopper = await shopperClient(scope.server, scope.sockets);
    const shelf = await uploaded(await shopper.upload(await photo(800, 600, 'png'), 'shelf.png'));
    for (const socket of scope.sockets.splice(0)) socket.disconnect();
    await scope.server.stop();
    expect(filesOnDisk(scope.server)).toHaveLength(1);

    await scope.server.restart();
    await expect.poll(async () => (await thumbState(scope.server, shelf.id))?.state).toBe('ready');
    expect(filesOnDisk(scope.server)).toHaveLength(2);
  });

  it('links a thumbnail only to whoever may see the picture, and signs which of the two a link opens', async () => {
    const shopper = await shopperClient(scope.server, scope.sockets);
    const stranger = await shopperClient(scope.server, scope.sockets);
    const shelf = await uploaded(await shopper.upload(await photo(800, 600, 'png'), 'shelf.png'));
    await thumbnailsDone(scope.server);

    const foreign = await stranger.link(shelf.id);
    const missing = await stranger.link('att_missing0000000');
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual(await missing.json());

    const link = await linkOf(shopper, shelf.id);
    expect(link.thumbUrl).toContain('variant=thumb');
    // A full link asking for the thumbnail, or a thumbnail link stripped of its variant, is a wrong link.
    expect((await fetchPath(scope.server, `${link.url}&variant=thumb`)).status).toBe(404);
    expect((await fetchPath(scope.server, link.thumbUrl!.replace('&variant=thumb', ''))).status).toBe(404);
  });
});
