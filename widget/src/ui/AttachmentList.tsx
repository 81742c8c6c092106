import type { AttachmentInfo } from '@mostrador/shared';
import { fileTypeLabel, formatFileSize } from '@mostrador/shared/attachments';
import type { FileLinks } from '../files/linkCache.ts';
import { t } from './translation.ts';

interface AttachmentProps {
  file: AttachmentInfo;
  links: FileLinks;
}

/**
 * A click on a file: a live link is followed by the anchor itself; one about
 * to expire (a tab that slept) opens the tab at once, in the click (a window
 * opened after a wait is blocked as a popup), and sends it to a fresh link.
 */
function open(event: MouseEvent, { file, links }: AttachmentProps): void {
  const anchor = event.currentTarget as HTMLAnchorElement;
  const href = links.peek(file.id);
  if (href) return void (anchor.href = href);
  event.preventDefault();
  const win = anchor.ownerDocument.defaultView?.open('', '_blank');
  if (win) win.opener = null;
  void links.fresh(file.id).then((url) => {
    if (url && win) win.location.href = url;
    else win?.close();
  });
}

/**
 * One file of a message, opened in a new tab: a picture as a thumbnail, any
 * other file as a card with its name, type and size. Names are text, never
 * markup. Written without classes or hooks: this chunk borrows the panel's
 * Preact (see filesChunk.ts), and a class would need it as the module loads.
 */
function Attachment(props: AttachmentProps) {
  const { file, links } = props;
  if (links.gone(file.id)) {
    return (
      <p class="file-gone" data-part="file-gone">
        {t('fileUnavailable', { name: file.name })}
      </p>
    );
  }
  const href = links.peek(file.id);
  // Shown, so its link is needed: the cache asks once and redraws the log when it comes.
  if (!href) void links.fresh(file.id);
  const refresh = () => void links.fresh(file.id);
  const image = file.type === 'image';
  const src = links.picture(file.id);
  return (
    <a
      class={image ? 'thumb' : 'file-card'}
      data-part={image ? 'attachment-image' : 'attachment-file'}
      href={href ?? '#'}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={image ? t('fileOpenImage', { name: file.name }) : undefined}
      onClick={(event) => open(event, props)}
      onPointerDown={refresh}
      onFocus={refresh}
    >
      {image ? (
        src ? (
          <img src={src} alt={file.name} onError={() => links.pictureFailed(file.id)} />
        ) : (
          <span class="thumb-placeholder" />
        )
      ) : (
        <>
          <span class="file-name">{file.name}</span>
          <span class="file-meta">
            {fileTypeLabel(file.mime)} · {formatFileSize(file.size, t('locale'))}
          </span>
          {/* Named by what it shows (name, type, size), and where it opens. */}
          <span class="hidden-label">{` ${t('fileNewTab')}`}</span>
        </>
      )}
    </a>
  );
}

/** A message's files, under its words. */
export function AttachmentList({ files, links }: { files: readonly AttachmentInfo[]; links: FileLinks }) {
  return (
    <ul class="files" data-part="attachments">
      {files.map((file) => (
        <li key={file.id}>
          <Attachment file={file} links={links} />
        </li>
      ))}
    </ul>
  );
}
