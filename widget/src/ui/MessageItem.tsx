import type { AttachmentInfo, VisitorEvent } from '@mostrador/shared';
import { initialsOf } from '@mostrador/shared/initials';
import type { Invitation } from '../chat/chatView.ts';
import type { OutboxItem } from '../chat/outbox.ts';
import type { PanelFiles } from '../files/filesLoader.ts';
import { AgentAvatar } from './AgentAvatar.tsx';
import { ProductCard } from './ProductCard.tsx';
import type { ShopCart } from './shopCart.ts';
import { systemLine } from './systemLine.ts';
import { t } from './translation.ts';

/** One line of the log as the visitor sees it: a server event, a message still in the outbox, or a trigger's invitation. */
export type LogEntry =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'event'; event: VisitorEvent; showAuthor: boolean; read: boolean }
  | { kind: 'pending'; item: OutboxItem }
  | { kind: 'invitation'; invitation: Invitation };

interface MessageItemProps {
  entry: LogEntry;
  /** The picture of an agent in the chat, by the id their messages carry. */
  pictureOf?: ((agentId: string) => string | null | undefined) | undefined;
  /** The files chunk, once loaded; until then a message's files are not shown yet. */
  files?: PanelFiles | null | undefined;
  /** How the shop takes a product card's product into its cart, asked when a card shows; absent or null: it does not. */
  cart?: (() => ShopCart | null) | undefined;
  onRetry(clientId: string): void;
}

/** A message's words (none for a message that is only files) and its files under them. */
function Content({
  body,
  attached,
  files,
}: {
  body: string;
  attached: readonly AttachmentInfo[] | undefined;
  files: PanelFiles | null | undefined;
}) {
  return (
    <>
      {(body || !attached?.length) && (
        <p class="body" data-part="body">
          {body}
        </p>
      )}
      {files && attached && attached.length > 0 && <files.AttachmentList files={attached} links={files.links} />}
    </>
  );
}

let clock: Intl.DateTimeFormat | undefined;

/** The message's time, shown under it; the full date and time on hover. */
function Time({ at }: { at: number }) {
  clock ??= new Intl.DateTimeFormat(t('locale'), { hour: '2-digit', minute: '2-digit' });
  return (
    <time class="time" dateTime={new Date(at).toISOString()} title={new Date(at).toLocaleString(t('locale'))}>
      {clock.format(at)}
    </time>
  );
}

/** Bodies are rendered as text children, never as HTML. */
export function MessageItem({ entry, onRetry, pictureOf, files, cart }: MessageItemProps) {
  if (entry.kind === 'day') {
    return (
      <li class="day" data-part="day">
        {entry.label}
      </li>
    );
  }
  if (entry.kind === 'pending') {
    const { item } = entry;
    return (
      <li class="message" data-part="message" data-author="visitor" data-status={item.status === 'failed' ? 'failed' : 'sending'}>
        <Content body={item.body} attached={item.attachments} files={files} />
        {item.status === 'failed' ? (
          <span class="meta failed" role="alert" title={item.error}>
            {t('failed')}{' '}
            <button type="button" data-part="retry" onClick={() => onRetry(item.clientId)}>
              {t('retry')}
            </button>
          </span>
        ) : (
          <span class="meta">{t('sending')}</span>
        )}
      </li>
    );
  }

  if (entry.kind === 'invitation') {
    // Written as an agent's message; the server stores it only when the visitor replies.
    return (
      <li class="message" data-part="message" data-author="agent" data-status="sent" data-invitation="">
        <span class="author">{entry.invitation.name}</span>
        <p class="body" data-part="body">
          {entry.invitation.body}
        </p>
      </li>
    );
  }

  const { event, showAuthor, read } = entry;
  if (event.type !== 'message') {
    return (
      <li class="message" data-part="message" data-author="system" data-status="sent" data-event={event.type}>
        <p class="body" data-part="body">
          {systemLine(event, t)}
        </p>
      </li>
    );
  }
  const author = event.author.kind;
  const name = author === 'agent' ? event.author.name || t('agentFallbackName') : null;
  return (
    <li class="message" data-part="message" data-author={author} data-status="sent" data-seq={event.seq}>
      {showAuthor && name && (
        <span class="author" data-part="author">
          <AgentAvatar picture={event.author.id ? pictureOf?.(event.author.id) : null} initials={initialsOf(name)} alt="" />
          {name}
        </span>
      )}
      {(event.body || event.attachments?.length || !event.product) && (
        <Content body={event.body} attached={event.attachments} files={files} />
      )}
      {event.product && <ProductCard card={event.product} cart={cart?.()} />}
      <span class="meta">
        <Time at={event.createdAt} />
        {read && (
          <span class="receipt" data-part="read-receipt">
            {' · '}
            {t('readByAgent')}
          </span>
        )}
      </span>
    </li>
  );
}
