import { formatFileSize } from '@mostrador/shared/attachments';
import { MAX_ATTACHMENTS_PER_MESSAGE } from '@mostrador/shared/limits';
import type { FileLinks } from '../files/linkCache.ts';
import type { PendingFile, Uploads } from '../files/uploads.ts';
import { t } from './translation.ts';

/** Why a file is not going, in the shopper's words. */
function refusal(file: PendingFile, maxBytes: number): string {
  const name = file.name;
  if (file.error === 'too_large') return t('fileTooLarge', { name, max: formatFileSize(maxBytes, t('locale')) });
  if (file.error === 'unsupported_type') return t('fileRefusedType', { name });
  if (file.error === 'forbidden') return t('fileForbidden', { name });
  if (file.error === 'too_many') return t('fileTooMany', { count: MAX_ATTACHMENTS_PER_MESSAGE });
  if (file.error === 'lost') return t('fileLost', { name });
  return t('fileFailed', { name });
}

/**
 * A stored picture's preview, so the shopper sees which photo goes before
 * sending it. From the chat server (its short-lived link, as the log's
 * thumbnails), not a `blob:` URL: a shop's CSP that lets the log's pictures
 * in lets this one in too. Its name is beside it, so it is decorative.
 */
function Preview({ id, links }: { id: string; links: FileLinks }) {
  const src = links.picture(id);
  if (!src) {
    // Asked once; the panel redraws when the link comes.
    if (!links.gone(id)) void links.fresh(id);
    return null;
  }
  return <img class="pending-thumb" data-part="pending-thumb" src={src} alt="" onError={() => links.pictureFailed(id)} />;
}

/**
 * The files picked for the next message, above the composer: each with its
 * upload's progress, or why it was refused, and a picture's preview once
 * stored; a button removes it (cancelling its upload), another retries an
 * upload the network lost. Names are text.
 */
export function PendingFiles({ uploads, maxBytes, links }: { uploads: Uploads; maxBytes: number; links: FileLinks }) {
  const files = uploads.store.get();
  if (files.length === 0) return null;
  return (
    <ul class="pending-files" data-part="pending-files" aria-label={t('filesPending')}>
      {files.map((file) => (
        <li key={file.clientId} class="pending-file" data-part="pending-file" data-state={file.state}>
          {file.state === 'ready' && file.file?.type === 'image' && <Preview id={file.file.id} links={links} />}
          <span class="file-name">{file.name}</span>
          {file.state === 'uploading' && (
            <progress max={1} value={file.progress} aria-label={t('fileUploading', { name: file.name })} data-part="file-progress" />
          )}
          {file.state === 'failed' && (
            <span class="file-error" role="alert" data-part="file-error">
              {refusal(file, maxBytes)}
            </span>
          )}
          {file.error === 'failed' && (
            <button type="button" data-part="file-retry" onClick={() => uploads.retry(file.clientId)}>
              {t('retry')}
              <span class="hidden-label">{` ${file.name}`}</span>
            </button>
          )}
          <button
            type="button"
            class="icon-button"
            data-part="file-remove"
            aria-label={t(file.state === 'uploading' ? 'fileCancel' : 'fileRemove', { name: file.name })}
            onClick={() => uploads.remove(file.clientId)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
