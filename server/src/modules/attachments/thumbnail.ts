import type Sharp from 'sharp';

/** The longest side of a thumbnail, in pixels: a history bubble shows pictures at most 240 CSS px wide, ×1.33 for sharpness. */
export const THUMB_MAX_SIDE = 320;

let loaded: Promise<typeof Sharp> | undefined;

/**
 * sharp, loaded with the first picture rather than at start (its native
 * library costs a start a few hundred milliseconds). One libvips thread and
 * no operation cache: thumbnails are made one at a time, off the message
 * path, on a small server that has chats to serve.
 */
function sharpLoaded(): Promise<typeof Sharp> {
  loaded ??= import('sharp').then(
    ({ default: sharp }) => {
      sharp.concurrency(1);
      sharp.cache(false);
      return sharp;
    },
    (error: unknown) => {
      // Not remembered: the next picture tries again (its job fails as retryable, not as an unreadable picture).
      loaded = undefined;
      throw error;
    },
  );
  return loaded;
}

/** The picture could not be made into a thumbnail, and never will be (corrupt, too many pixels): no retry. */
export class UnreadablePicture extends Error {}

/**
 * A WebP thumbnail of a stored picture, given as its bytes or its file's
 * path (JPEG, PNG, WebP, a GIF's first frame): upright, at most `THUMB_MAX_SIDE` on its longest side, never
 * enlarged, and with no metadata (sharp writes none unless asked).
 * `maxInputPixels` refuses a decompression bomb before it is decoded.
 */
export async function renderThumbnail(picture: Buffer | string, maxInputPixels: number): Promise<Buffer> {
  const sharp = await sharpLoaded();
  try {
    return await sharp(picture, { limitInputPixels: maxInputPixels, failOn: 'error' })
      .autoOrient()
      .resize({ width: THUMB_MAX_SIDE, height: THUMB_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 78, effort: 3 })
      .toBuffer();
  } catch (err) {
    throw new UnreadablePicture(err instanceof Error ? err.message : String(err));
  }
}
