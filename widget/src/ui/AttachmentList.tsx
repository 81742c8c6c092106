import type { AttachmentInfo } from '@mostrador/shared';
import { fileTypeLabel, formatFileSize } from '@mostrador/shared/attachments';
import { Component } from 'preact';
import type { FileLinks } from '../files/linkCache.ts';
import { t } from './translation.ts';

interface AttachmentProps {
  file: AttachmentInfo;
  links: FileLinks;
}

interface AttachmentState {
  /** The link the anchor holds, kept fresh before a click (links live minutes). */
  href?: string;
  /** The thumbnail's source: set once, so refreshing the link does not load the picture again. */
  src?: string;
  gone?: boolean;
}

/**
 * One file of a message, opened in a new tab: a picture as a thumbnail, any
 * other file as a card with its name, type and size. Names are text, never
 * markup. A click on a link about to expire opens the tab at once (a window
 * opened after a wait is blocked as a popup) and sends it to a fresh link.
 */
class Attachment extends Component<AttachmentProps, AttachmentState> {
  #retriedPicture = false;

  override componentDidMount(): void {
    this.#refresh();
  }

  #refresh = () => {
    void this.props.links
      .fresh(this.props.file.id)
      .then((href) => this.setState((state) => (href ? { href, src: state.src ?? href } : { gone: true })));
  };

  #open = (event: MouseEvent) => {
    const { links, file } = this.props;
    const anchor = event.currentTarget as HTMLAnchorElement;
    const href = links.peek(file.id);
    if (href) return void (anchor.href = href);
    event.preventDefault();
    const win = anchor.ownerDocument.defaultView?.open('', '_blank');
    if (win) win.opener = null;
    void links.fresh(file.id).then((url) => {
      if (url && win) win.location.href = url;
      else win?.close();
      this.setState(url ? { href: url } : { gone: true });
    });
  };

  /** A picture whose link expired before it loaded: one more try with a fresh link. */
  #pictureFailed = () => {
    if (this.#retriedPicture) return this.setState({ gone: true });
    this.#retriedPicture = true;
    void this.props.links.fresh(this.props.file.id).then((src) => this.setState(src ? { src, href: src } : { gone: true }));
  };

  override render() {
    const { file } = this.props;
    const { href, src, gone } = this.state;
    if (gone) {
      return (
        <p class="file-gone" data-part="file-gone">
          {t('fileUnavailable', { name: file.name })}
        </p>
      );
    }
    const image = file.type === 'image';
    const type = fileTypeLabel(file.mime);
    const size = formatFileSize(file.size, t('locale'));
    return (
      <a
        class={image ? 'thumb' : 'file-card'}
        data-part={image ? 'attachment-image' : 'attachment-file'}
        href={href ?? '#'}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={image ? t('fileOpenImage', { name: file.name }) : undefined}
        onClick={this.#open}
        onPointerDown={this.#refresh}
        onFocus={this.#refresh}
      >
        {image ? (
          src ? (
            <img src={src} alt={file.name} onError={this.#pictureFailed} />
          ) : (
            <span class="thumb-placeholder" />
          )
        ) : (
          <>
            <span class="file-name">{file.name}</span>
            <span class="file-meta">
              {type} · {size}
            </span>
            {/* Named by what it shows (name, type, size), and where it opens. */}
            <span class="hidden-label">{` ${t('fileNewTab')}`}</span>
          </>
        )}
      </a>
    );
  }
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
