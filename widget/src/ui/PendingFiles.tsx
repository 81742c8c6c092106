import { formatFileSize } from '@mostrador/shared/attachments';
import { MAX_ATTACHMENTS_PER_MESSAGE } from '@mostrador/shared/limits';
import type { PendingFile, Uploads } from '../files/uploads.ts';
import { t } from './translation.ts';

/** Why a file is not going, in the shopper's words. */
function refusal(file: PendingFile, maxBytes: number): string {
  const name = file.name;
  if (file.error === 'too_large') return t('fileTooLarge', { name, max: formatFileSize(maxBytes, t('locale')) });
  if (file.error === 'unsupported_type') return t('fileRefusedType', { name });
  if (file.error === 'forbidden') return t('fileForbidden', { name });
  if (file.error === 'too_many') return t('fileTooMany', { count: MAX_ATTACHMENTS_PER_MESSAGE });
  return t('fileFailed', { name });
}

/**
 * The files picked for the next message, above the composer: each with its
 * upload's progress, or why it was refused; a button removes it (cancelling
 * its upload), another retries an upload the network lost. Names are text.
 */
export function PendingFiles({ uploads, maxBytes }: { uploads: Uploads; maxBytes: number }) {
  const files = uploads.store.get();
  if (files.length === 0) return null;
  return (
    <ul class="pending-files" data-part="pending-files" aria-label={t('filesPending')}>
      {files.map((file) => (
        <li key={file.clientId} class="pending-file" data-part="pending-file" data-state={file.state}>
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
