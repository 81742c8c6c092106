import type { ConversationSummary } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';
import type { PaneActionState } from '../state/consoleState.ts';
import { isGuest, isQueued, type Me } from '../state/views.ts';
import { OriginTag } from './OriginTag.tsx';
import { StateBadge, StateControls, type StateChange } from './StateControls.tsx';
import { RatingBadge } from './RatingBadge.tsx';
import { TagChips } from './TagChips.tsx';
import { WaitingTimer } from './WaitingTimer.tsx';

export interface HeaderActions {
  onTake: () => void;
  onTransfer: () => void;
  onInvite: () => void;
  onLeave: () => void;
  onClose: () => void;
  onState: (change: StateChange) => void;
  onHide: () => void;
  onDismissError: () => void;
}

/** The visitor side panel's toggle. */
export interface DetailsToggle {
  expanded: boolean;
  panelId: string;
  onToggle: () => void;
}

interface ConversationHeaderProps extends HeaderActions {
  conversation: ConversationSummary;
  me: Me;
  titleId: string;
  action: PaneActionState | undefined;
  details: DetailsToggle;
  /** False when the pane shows its own tag editor below: the tags are shown once, there. */
  showTags: boolean;
}

/** Who the chat is with and who is in it, how long the visitor has waited, and what can be done. */
export function ConversationHeader(props: ConversationHeaderProps) {
  const { t } = useI18n();
  const { conversation, me, action } = props;
  const open = conversation.status === 'open';
  const queued = isQueued(conversation);
  const mineToHandOn = conversation.assignee?.id === me.id || me.role === 'admin';
  const busy = action?.state === 'pending';
  const guests = conversation.guests.map((guest) => guest.name).join(', ');
  const button = (part: string, label: string, onClick: () => void, primary = false) => (
    <button type="button" class={primary ? 'button primary' : 'button'} data-part={part} disabled={busy} onClick={onClick}>
      {busy && action?.kind === part ? t('conversation.working') : label}
    </button>
  );
  return (
    <header class="conversation-header">
      <div class="conversation-title">
        <h2 id={props.titleId}>{conversation.visitorLabel}</h2>
        <StateBadge conversation={conversation} />
        <span class="pane-controls">
          <button
            type="button"
            class="link-button details-toggle"
            data-part="toggle-details"
            aria-expanded={props.details.expanded}
            aria-controls={props.details.panelId}
            title={t('visitor.details')}
            onClick={props.details.onToggle}
          >
            <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16">
              <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.4" />
              <path d="M10 2.5v11" stroke="currentColor" stroke-width="1.4" />
              {props.details.expanded && <path d="M10 2.5h3.5a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H10Z" fill="currentColor" />}
            </svg>
            <span class="details-toggle-label">{t('visitor.details')}</span>
          </button>
          <button
            type="button"
            class="link-button hide-pane"
            data-part="close-pane"
            aria-label={t('panes.closePane', { name: conversation.visitorLabel })}
            onClick={props.onHide}
          >
            <span aria-hidden="true">×</span>
          </button>
        </span>
      </div>
      <p class="conversation-people">
        {conversation.assignee ? (
          <span data-part="assignee">{t('conversation.assignee', { name: conversation.assignee.name })}</span>
        ) : (
          open && (
            <span data-part="assignee" class="queued-label">
              {conversation.department
                ? t('conversation.queuedIn', { department: conversation.department.name })
                : t('conversation.queuedAnywhere')}
            </span>
          )
        )}
        {guests && <span data-part="guests">{t('conversation.guests', { names: guests })}</span>}
        <OriginTag origin={conversation.origin} />
        {props.showTags && <TagChips tags={conversation.tags} />}
        {open && <WaitingTimer since={conversation.awaitingReplySince ?? conversation.queuedAt} />}
      </p>
      {conversation.rating && (
        <p class="conversation-rating">
          <RatingBadge rating={conversation.rating} />
        </p>
      )}
      {open && (
        <div class="conversation-actions">
          {queued && button('take', t('conversation.take'), props.onTake, true)}
          {!queued && mineToHandOn && button('transfer', t('conversation.transfer'), props.onTransfer)}
          {!queued && mineToHandOn && button('invite', t('conversation.invite'), props.onInvite)}
          {isGuest(conversation, me) && button('leave', t('conversation.leave'), props.onLeave)}
          {!queued && (mineToHandOn || isGuest(conversation, me)) && (
            <StateControls conversation={conversation} busy={busy} onChange={props.onState} />
          )}
          {button('close', t('conversation.close'), props.onClose)}
        </div>
      )}
      {action?.state === 'failed' && (
        <p class="inline-error" role="alert" data-part="action-error" data-action={action.kind}>
          {t('conversation.actionFailed', { message: action.message })}{' '}
          <button type="button" class="link-button" onClick={props.onDismissError}>
            {t('conversation.dismiss')}
          </button>
        </p>
      )}
    </header>
  );
}
