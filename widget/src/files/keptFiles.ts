import type { AttachmentInfo } from '@mostrador/shared';
import type { KeyValueStore } from '../chat/visitorStorage.ts';

/** Where a tab keeps the files picked but not sent yet, so the next page of the shop still has them. */
export interface KeptFilesPlace {
  store: KeyValueStore;
  key: string;
}

/** A stored file (with `file`), or one still uploading when the page went (its bytes in keptBytes.ts). */
export interface KeptFile {
  clientId: string;
  name: string;
  file?: AttachmentInfo;
}

/** The server removes an unsent upload after a day; a kept one is forgotten well before. */
const KEEP_MS = 12 * 60 * 60 * 1000;

const isKept = (value: unknown): value is KeptFile => {
  if (typeof value !== 'object' || value === null) return false;
  const { clientId, name, file } = value as Partial<KeptFile>;
  const stored = file === undefined || (typeof file === 'object' && file !== null && typeof file.id === 'string');
  return typeof clientId === 'string' && typeof name === 'string' && stored;
};

/** The files kept by an earlier page of this tab; nothing when they are old, unreadable or absent. */
export function readKeptFiles(place: KeptFilesPlace | null | undefined, now = Date.now()): KeptFile[] {
  try {
    const raw = place?.store.getItem(place.key);
    const saved = raw ? (JSON.parse(raw) as { at?: unknown; files?: unknown }) : null;
    if (!saved || typeof saved.at !== 'number' || now - saved.at > KEEP_MS || !Array.isArray(saved.files)) return [];
    return saved.files.filter(isKept);
  } catch {
    return [];
  }
}

/** Keeps these files for the next page (none: forgets). Storage refused: this page still has them. */
export function keepFiles(place: KeptFilesPlace | null | undefined, files: readonly KeptFile[], now = Date.now()): void {
  try {
    place?.store.setItem(place.key, files.length > 0 ? JSON.stringify({ at: now, files }) : '');
  } catch {
    // Quota or access: only the next page loses them.
  }
}
