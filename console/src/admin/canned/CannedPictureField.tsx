import type { AttachmentInfo } from '@mostrador/shared';
import { useEffect, useId, useState } from 'preact/hooks';
import { attachmentLink, uploadAttachment } from '../../api/attachments.ts';
import { newClientId } from '../../state/clientId.ts';
import { useAdminI18n } from '../i18n/index.ts';

interface CannedPictureFieldProps {
  /** The picture the reply will be saved with; null: none. */
  picture: AttachmentInfo | null;
  onChange: (picture: AttachmentInfo | null) => void;
}

/**
 * A reply's one picture: a thumbnail and its name, a file input to attach or
 * replace it (uploaded at once, saved with the reply), a button to remove it.
 * The server keeps the file only once the reply is saved with it.
 */
export function CannedPictureField({ picture, onChange }: CannedPictureFieldProps) {
  const { t } = useAdminI18n();
  const id = useId();
  const [thumb, setThumb] = useState<string | null>(null);
  const [status, setStatus] = useState<'idle' | 'uploading' | 'failed'>('idle');

  useEffect(() => {
    setThumb(null);
    if (!picture) return;
    let cancelled = false;
    void attachmentLink(picture.id).then((link) => {
      if (!cancelled && link.ok) setThumb(link.data.thumbUrl ?? link.data.url);
    });
    return () => {
      cancelled = true;
    };
  }, [picture?.id]);

  async function pick(file: File | undefined) {
    if (!file) return;
    setStatus('uploading');
    const stored = await uploadAttachment(file, file.name || 'picture', newClientId());
    if (!stored.ok || stored.data.type !== 'image') return setStatus('failed');
    setStatus('idle');
    onChange(stored.data);
  }

  return (
    <div class="field canned-picture" data-part="canned-picture-field">
      <label for={id}>{picture ? t('canned.pictureReplace') : t('canned.pictureAttach')}</label>
      <input
        id={id}
        type="file"
        accept="image/*"
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          void pick(event.currentTarget.files?.[0]);
          event.currentTarget.value = '';
        }}
      />
      <p class="field-hint" id={`${id}-hint`}>
        {t('canned.pictureHint')}
      </p>
      <p role="status" class={status === 'failed' ? 'form-error' : 'field-hint'}>
        {status === 'uploading' ? t('canned.pictureUploading') : status === 'failed' ? t('canned.pictureFailed') : ''}
      </p>
      {picture && (
        <div class="canned-picture-preview" data-part="canned-picture-preview">
          {/* Decorative: the name beside it says which picture it is. */}
          {thumb && <img src={thumb} alt="" width={64} height={64} />}
          <span>{picture.name}</span>
          <button type="button" class="button" onClick={() => onChange(null)}>
            {t('canned.pictureRemove')}
          </button>
        </div>
      )}
    </div>
  );
}
