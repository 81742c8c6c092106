import type { AttachmentInfo } from '@mostrador/shared';
import type { KeyValueStore } from '../chat/visitorStorage.ts';

/** Where a tab keeps the files stored but not sent yet, so the next page of the shop still shows them. */
export interface KeptFilesPlace {
  store: KeyValueStore;
  key: string;
}

export interface KeptFile {
  clientId: string;
  name: string;
  file: AttachmentInfo;
}

/** The server removes an unsent upload after a day; a kept one is forgotten well before. */
const KEEP_MS = 12 * 60 * 60 * 1000;

const isKept = (value: unknown): value is KeptFile => {
  if (typeof value !== 'object' || value === null) return false;
  const { clientId, name, file } = value as Partial<KeptFile>;
  return (
    typeof clientId === 'string' && typeof name === 'string' && typeof file === 'object' && file !== null && typeof file.id === 'string'
  );
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
