import { readFile, writeFile } from 'node:fs/promises';
import { stripMetadata } from './metadata.ts';

/** The picture could not be walked: it is refused, not retried. */
export class UnstrippablePicture extends Error {}

/**
 * Writes the picture at `from` to `to` without its metadata, flushed, and
 * returns its size. Runs in the picture worker (picture-strip-worker.mjs):
 * reading a photo whole and writing it anew are copies of megabytes into
 * fresh memory, which held every chat's messages when a burst of photos ran
 * them on the event loop.
 */
export async function stripPictureFile(mime: string, from: string, to: string): Promise<number> {
  const input = await readFile(from);
  let clean: Buffer;
  try {
    clean = stripMetadata(mime, input);
  } catch (error) {
    throw new UnstrippablePicture(error instanceof Error ? error.message : String(error));
  }
  await writeFile(to, clean, { flush: true });
  return clean.length;
}
