import type { AttachmentInfo, AttachmentLink, Result } from '@mostrador/shared';
import { fileTypeLabel, formatFileSize } from '@mostrador/shared/attachments';
import { useEffect, useState } from 'preact/hooks';
import { attachmentLink } from '../api/attachments.ts';
import { useI18n } from '../i18n/context.ts';

type LinkSource = (id: string) => Promise<Result<AttachmentLink>>;

/** Opens a fresh link in a new tab: links live minutes, so one is asked for at each click. */
async function openFresh(id: string, link: LinkSource, onGone: () => void): Promise<void> {
  const fresh = await link(id);
  if (fresh.ok) window.open(fresh.data.url, '_blank', 'noopener,noreferrer');
  else onGone();
}

function ImageThumb({ file, link }: { file: AttachmentInfo; link: LinkSource }) {
  const { t } = useI18n();
  const [src, setSrc] = useState<string | null>(null);
  const [gone, setGone] = useState(false);
  useEffect(() => {
    let live = true;
    void link(file.id).then((result) => {
      if (!live) return;
      // The history shows the thumbnail (the server sends the full picture while it has none); a click opens the full one.
      if (result.ok) setSrc(result.data.thumbUrl ?? result.data.url);
      else setGone(true);
    });
    return () => {
      live = false;
    };
  }, [file.id, link]);
  if (gone) return <p class="attachment-gone">{t('attachments.unavailable')}</p>;
  return (
    <button
      type="button"
      class="attachment-thumb"
      data-part="attachment-image"
      aria-label={t('attachments.open', { name: file.name })}
      onClick={() => void openFresh(file.id, link, () => setGone(true))}
    >
      {src ? <img src={src} alt={file.name} loading="lazy" /> : <span class="attachment-thumb-placeholder" aria-hidden="true" />}
    </button>
  );
}

function FileCard({ file, link }: { file: AttachmentInfo; link: LinkSource }) {
  const { t, language } = useI18n();
  const [gone, setGone] = useState(false);
  const type = fileTypeLabel(file.mime);
  const size = formatFileSize(file.size, language);
  return (
    <div class="attachment-card" data-part="attachment-file">
      <span class="attachment-type" aria-hidden="true">
        {type}
      </span>
      <span class="attachment-name">{file.name}</span>
      <span class="attachment-size">
        <span class="visually-hidden">{type}, </span>
        {size}
      </span>
      <button
        type="button"
        class="button"
        aria-label={t('attachments.download', { name: file.name })}
        onClick={() => void openFresh(file.id, link, () => setGone(true))}
      >
        ↓
      </button>
      {gone && <p class="attachment-gone">{t('attachments.unavailable')}</p>}
    </div>
  );
}

/**
 * A message's files: pictures as thumbnails that open full size, anything
 * else as a card with its name, type and size. Every link is asked for when
 * needed (they expire within minutes), never kept in the log.
 */
export function AttachmentList({ files, link = attachmentLink }: { files: readonly AttachmentInfo[]; link?: LinkSource }) {
  return (
    <ul class="attachment-list" data-part="attachments">
      {files.map((file) => (
        <li key={file.id}>{file.type === 'image' ? <ImageThumb file={file} link={link} /> : <FileCard file={file} link={link} />}</li>
      ))}
    </ul>
  );
}
