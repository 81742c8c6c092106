import sharp from 'sharp';

/** The longest side of a thumbnail, in pixels: a history bubble shows pictures at most 240 CSS px wide, ×1.33 for sharpness. */
export const THUMB_MAX_SIDE = 320;

// One libvips thread and no operation cache: thumbnails are made one at a
// time, off the message path, on a small server that has chats to serve.
sharp.concurrency(1);
sharp.cache(false);

/** The picture could not be made into a thumbnail, and never will be (corrupt, too many pixels): no retry. */
export class UnreadablePicture extends Error {}

/**
 * A WebP thumbnail of a stored picture (JPEG, PNG, WebP, a GIF's first
 * frame): upright, at most `THUMB_MAX_SIDE` on its longest side, never
 * enlarged, and with no metadata (sharp writes none unless asked).
 * `maxInputPixels` refuses a decompression bomb before it is decoded.
 */
export async function renderThumbnail(picture: Buffer, maxInputPixels: number): Promise<Buffer> {
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
