import type { Translate } from '../i18n/catalogue.ts';
import { setTranslator, t } from '../ui/translation.ts';
import { borrowPreact, type BorrowedPreact } from './panelPreact.ts';

export { default as css } from './files.css?inline';
export { AttachmentList } from '../ui/AttachmentList.tsx';
export { PendingFiles } from '../ui/PendingFiles.tsx';
export { createFilesApi } from './filesApi.ts';
export { createLinkCache } from './linkCache.ts';
export { openKeptBytes } from './keptBytes.ts';
export { Uploads } from './uploads.ts';

/**
 * The files chunk's entry (dist/chunks/files-<hash>.js): showing a message's
 * files and sending the shopper's, fetched by the panel the first time a
 * message with files is shown or the shopper picks, drops or pastes one.
 * It renders with the panel's Preact and speaks the panel's language, both
 * handed over here before its first render.
 */
export function adopt(preact: BorrowedPreact, translate: Translate): void {
  borrowPreact(preact);
  // Built, the chunk has a translation module of its own; in tests it shares the panel's, which must not call itself.
  if (translate !== t) setTranslator(translate);
}
