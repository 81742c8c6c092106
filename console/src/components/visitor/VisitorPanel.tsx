import type { ComponentChildren } from 'preact';
import { useI18n } from '../../i18n/context.ts';
import { AttachmentList } from '../AttachmentList.tsx';
import type { FollowedVisitor } from '../../state/consoleState.ts';
import { CartDetails } from './CartDetails.tsx';
import { CartHistory } from './CartHistory.tsx';
import { EarlierConversations } from './EarlierConversations.tsx';
import { ExternalLink } from './ExternalLink.tsx';
import { LastOrder } from './LastOrder.tsx';
import { PageTrail } from './PageTrail.tsx';
import { PrivacyActions } from './PrivacyActions.tsx';
import { VisitorOverview } from './VisitorOverview.tsx';
import './visitorPanel.css';

interface VisitorPanelProps {
  id: string;
  expanded: boolean;
  visitor: FollowedVisitor | undefined;
  visitorLabel: string;
  conversationId: string;
  onOpenConversation: (conversationId: string) => void;
  onRetry: () => void;
  /** Admins may export or erase the visitor's data. */
  admin?: boolean;
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    // Not named, so not a landmark: with three panes open, three "Cart" regions would not be told apart
    // (axe: landmark-unique). The pane's aside, named after the visitor, is the landmark; its h3s structure it.
    <section class="visitor-section" data-section={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/**
 * Everything known about the pane's visitor: who they are, where they are
 * on the site, what is in their cart and how it got there, and their other
 * chats. Collapsed, the panel keeps only its box, so the toggle still
 * controls something and nothing in it ticks.
 */
export function VisitorPanel(props: VisitorPanelProps) {
  const { t } = useI18n();
  const { id, visitor } = props;
  const label = t('visitor.panelLabel', { name: props.visitorLabel });
  if (!props.expanded) return <aside id={id} class="visitor-panel" aria-label={label} hidden />;
  if (visitor?.phase !== 'ready') {
    return (
      <aside id={id} class="visitor-panel" aria-label={label} data-part="visitor-panel" data-phase={visitor?.phase ?? 'loading'}>
        {visitor?.phase === 'failed' ? (
          <div class="panel-note">
            <p class="inline-error" role="alert">
              {t('visitor.failed')}
            </p>
            <button type="button" class="button" data-part="retry-visitor" onClick={props.onRetry}>
              {t('visitor.retry')}
            </button>
          </div>
        ) : (
          <p class="panel-note" role="status">
            {t('visitor.loading')}
          </p>
        )}
      </aside>
    );
  }
  const { profile } = visitor;
  const current = profile.trail.find((page) => page.seconds === null);
  const sectionId = (name: string) => `${id}-${name}`;
  return (
    <aside id={id} class="visitor-panel" aria-label={label} data-part="visitor-panel" data-phase="ready">
      <VisitorOverview profile={profile} />
      {current && (
        <Section id={sectionId('page')} title={t('visitor.currentPage')}>
          <p class="current-page" data-part="current-page">
            <ExternalLink url={current.url}>{current.title || current.url}</ExternalLink>
          </p>
        </Section>
      )}
      <Section id={sectionId('cart')} title={t('visitor.cart')}>
        <LastOrder order={profile.lastOrder} />
        <CartDetails cart={profile.cart} stage={profile.cartStage} />
      </Section>
      <Section id={sectionId('history')} title={t('visitor.cartHistory')}>
        <CartHistory history={profile.cartHistory} />
      </Section>
      <Section id={sectionId('trail')} title={t('visitor.trail')}>
        <PageTrail trail={profile.trail} />
      </Section>
      <Section id={sectionId('conversations')} title={t('visitor.earlier')}>
        <EarlierConversations conversations={profile.conversations} currentId={props.conversationId} onOpen={props.onOpenConversation} />
      </Section>
      <Section id={sectionId('files')} title={t('visitor.files')}>
        {profile.files.length === 0 ? <p class="panel-note">{t('visitor.noFiles')}</p> : <AttachmentList files={profile.files} />}
      </Section>
      {props.admin && (
        <Section id={sectionId('privacy')} title={t('privacy.section')}>
          <PrivacyActions visitorId={profile.id} visitorLabel={props.visitorLabel} />
        </Section>
      )}
    </aside>
  );
}
