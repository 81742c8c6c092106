import { useI18n } from '../i18n/context.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { PendingFile } from './usePendingFiles.ts';

function failureKey(code: string | undefined): MessageKey {
  if (code === 'too_large') return 'attachments.tooLarge';
  if (code === 'unsupported_type') return 'attachments.refusedType';
  return 'attachments.failed';
}

/** The files waiting to go with the next reply, each removable (which cancels its upload). */
export function PendingFiles({ files, onRemove }: { files: readonly PendingFile[]; onRemove: (clientId: string) => void }) {
  const { t } = useI18n();
  if (files.length === 0) return null;
  return (
    <ul class="pending-files" aria-label={t('attachments.pending')} data-part="pending-files">
      {files.map((file) => (
        <li key={file.clientId} class={`pending-file ${file.state}`} data-state={file.state}>
          <span role={file.state === 'failed' ? 'alert' : 'status'}>
            {file.state === 'uploading'
              ? t('attachments.uploading', { name: file.name })
              : file.state === 'ready'
                ? t('attachments.ready', { name: file.name })
                : t(failureKey(file.error), { name: file.name })}
          </span>
          <button
            type="button"
            class="button"
            aria-label={t('attachments.remove', { name: file.name })}
            onClick={() => onRemove(file.clientId)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
