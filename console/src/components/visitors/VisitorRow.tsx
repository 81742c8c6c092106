import type { LiveVisitor } from '@mostrador/shared';
import { useI18n } from '../../i18n/context.ts';
import { formatWaiting } from '../../state/waiting.ts';
import { deviceText } from '../visitor/deviceText.ts';
import { ExternalLink } from '../visitor/ExternalLink.tsx';
import { formatMoney } from '../visitor/format.ts';
import { VisitorName } from '../visitor/VisitorName.tsx';

interface VisitorRowProps {
  visitor: LiveVisitor;
  now: number;
  onStartChat: (visitor: LiveVisitor) => void;
  onOpenChat: (conversationId: string) => void;
}

export function VisitorRow({ visitor, now, onStartChat, onOpenChat }: VisitorRowProps) {
  const { t, language } = useI18n();
  const { page, cart, conversationId } = visitor;
  const name = visitor.identity.name ?? visitor.identity.email ?? visitor.label;
  const onSite = Math.max(0, now - visitor.visitStartedAt);
  return (
    <tr data-part="visitor-row" data-visitor-id={visitor.id} data-chatting={conversationId !== null}>
      <th scope="row">
        <VisitorName identity={visitor.identity} label={visitor.label} />
        <span class={visitor.returning ? 'visit-kind returning' : 'visit-kind'} data-part="visit-kind">
          {visitor.returning ? t('visitors.returning') : t('visitors.new')}
        </span>
      </th>
      <td class="page-cell">
        {page ? (
          <ExternalLink url={page.url} class="page-link">
            {page.title || page.url}
          </ExternalLink>
        ) : (
          <span class="muted-text">{t('visitors.noPage')}</span>
        )}
      </td>
      <td class="numeric" data-part="time-on-site">
        <time dateTime={`PT${Math.floor(onSite / 1_000)}S`}>{formatWaiting(onSite)}</time>
      </td>
      <td class="numeric">{visitor.pagesViewed}</td>
      <td class="numeric" data-part="cart-value">
        {cart ? (
          <>
            {formatMoney(cart.total, cart.currency, language)}
            <span class="cart-items">
              {cart.items === 1 ? t('visitors.cartItemsOne') : t('visitors.cartItemsOther', { count: cart.items })}
            </span>
          </>
        ) : (
          <span class="muted-text">{t('visitors.noCart')}</span>
        )}
      </td>
      <td>{deviceText(visitor.device, t)}</td>
      <td class="chat-cell">
        {conversationId !== null ? (
          <>
            <span class="chat-state" data-part="chatting">
              {t('visitors.chatting')}
            </span>
            <button
              type="button"
              class="button"
              data-part="open-chat"
              aria-label={t('visitors.openChatWith', { name })}
              onClick={() => onOpenChat(conversationId)}
            >
              {t('visitors.openChat')}
            </button>
          </>
        ) : (
          <button
            type="button"
            class="button primary"
            data-part="start-chat"
            aria-label={t('visitors.startChatWith', { name })}
            onClick={() => onStartChat(visitor)}
          >
            {t('visitors.startChat')}
          </button>
        )}
      </td>
    </tr>
  );
}
