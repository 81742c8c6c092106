import type { AgentRef, AttachmentInfo, CannedReply, ConversationEvent, ConversationSummary, ProductCard } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { cannedApi } from '../canned/cannedApi.ts';
import { placeholderValues } from '../canned/placeholderValues.ts';
import type { CannedReplies } from '../canned/useCannedReplies.ts';
import { useI18n } from '../i18n/context.ts';
import type { FollowedVisitor, OutgoingMessage, PaneActionState, TeamState } from '../state/consoleState.ts';
import type { TransferTarget } from '../state/paneActions.ts';
import type { Me } from '../state/views.ts';
import { Composer, type DraftStore } from './Composer.tsx';
import { productsOfTrail } from './trailProducts.ts';
import type { StateChange } from './StateControls.tsx';
import { ConversationEmails, type EmailsLoader } from './ConversationEmails.tsx';
import { ConversationHeader } from './ConversationHeader.tsx';
import { DraftPreview } from './DraftPreview.tsx';
import { InviteDialog } from './InviteDialog.tsx';
import { MessageLog } from './MessageLog.tsx';
import { TagEditor } from './TagEditor.tsx';
import { TransferDialog } from './TransferDialog.tsx';
import { TypingIndicator } from './TypingIndicator.tsx';
import { VisitorPanel } from './visitor/VisitorPanel.tsx';

export interface PaneCallbacks {
  onFocus: () => void;
  onSend: (body: string, noEmail: boolean, files: AttachmentInfo[], product: ProductCard | null) => void;
  onDraftChange: (draft: string) => void;
  onRetry: (clientId: string) => void;
  onTake: () => void;
  onTransfer: (to: TransferTarget, note: string) => void;
  onInvite: (agentId: string) => void;
  onLeave: () => void;
  onClose: () => void;
  onState: (change: StateChange) => void;
  onHide: () => void;
  onDismissError: () => void;
  /** Refreshes colleagues' status and load before a dialog lists them. */
  onNeedTeam: () => void;
  onToggleDetails: () => void;
  /** Opens another of the visitor's conversations, from the side panel. */
  onOpenConversation: (conversationId: string) => void;
  onRetryVisitor: () => void;
}

interface ConversationPaneProps extends PaneCallbacks {
  conversation: ConversationSummary;
  me: Me;
  focused: boolean;
  events: readonly ConversationEvent[] | undefined;
  /** Read receipt: the highest seq of the log the visitor has seen. */
  visitorReadSeq: number;
  outgoing: readonly OutgoingMessage[];
  loading: boolean;
  connected: boolean;
  visitorTyping: boolean;
  /** The visitor's unsent text, when the site allows typing previews. */
  visitorDraft: string | undefined;
  colleaguesTyping: readonly AgentRef[];
  action: PaneActionState | undefined;
  team: TeamState;
  drafts: DraftStore;
  visitor: FollowedVisitor | undefined;
  /** Whether the visitor side panel is shown; one choice for every pane. */
  detailsExpanded: boolean;
  /** The agent's canned replies and what fills their placeholders. */
  canned?: CannedReplies & { agentName: string };
  /** The site's products by name or SKU, for the product picker. */
  searchProducts?: (query: string) => Promise<readonly ProductCard[]>;
  /** Private notes and tags; each answers the refusal to show, or null. */
  toolbox?: {
    knownTags: readonly string[];
    onNote: (body: string) => Promise<string | null>;
    onTag: (change: { add?: string[]; remove?: string[] }) => Promise<string | null>;
  };
  /** The mails sent to the customer about a conversation; without it the pane does not show them. */
  emails?: EmailsLoader;
}

/** The seq of the visitor's last message, or null before they wrote: what suggestions answer. */
function lastVisitorSeq(events: readonly ConversationEvent[] | undefined): number | null {
  const last = events?.findLast((event) => event.type === 'message' && event.author.kind === 'visitor');
  return last ? last.seq : null;
}

export function ConversationPane(props: ConversationPaneProps) {
  const { t, language } = useI18n();
  const { conversation, me } = props;
  const canned = props.canned && {
    replies: props.canned.replies,
    values: placeholderValues(props.visitor, props.canned, language),
    visitorLanguage: props.visitor?.phase === 'ready' ? props.visitor.profile.language : null,
    visitorSeq: lastVisitorSeq(props.events),
    onUsed: (reply: CannedReply) => void cannedApi.recordUse(reply.id, conversation.id),
  };
  const [dialog, setDialog] = useState<'transfer' | 'invite' | null>(null);
  const open = conversation.status === 'open';
  const inChat = [me.id, ...(conversation.assignee ? [conversation.assignee.id] : []), ...conversation.guests.map((g) => g.id)];
  const titleId = `conversation-title-${conversation.id}`;
  const panelId = `visitor-panel-${conversation.id}`;
  // Until the profile is in, there is nothing to pick from, and no product button.
  const products = props.visitor?.phase === 'ready' ? productsOfTrail(props.visitor.profile.trail) : undefined;
  const draft = open && props.visitorTyping ? props.visitorDraft : undefined;
  const openDialog = (which: 'transfer' | 'invite') => {
    props.onNeedTeam();
    setDialog(which);
  };
  return (
    <section
      class={props.focused ? 'conversation focused' : 'conversation'}
      data-part="conversation"
      data-conversation-id={conversation.id}
      data-status={conversation.status}
      data-focused={props.focused}
      aria-labelledby={titleId}
      onFocusIn={props.onFocus}
      onMouseDown={props.onFocus}
    >
      <ConversationHeader
        conversation={conversation}
        me={me}
        titleId={titleId}
        action={props.action}
        onTake={props.onTake}
        onTransfer={() => openDialog('transfer')}
        onInvite={() => openDialog('invite')}
        onLeave={props.onLeave}
        onClose={props.onClose}
        onState={props.onState}
        onHide={props.onHide}
        onDismissError={props.onDismissError}
        details={{ expanded: props.detailsExpanded, panelId, onToggle: props.onToggleDetails }}
        showTags={!props.toolbox}
      />
      {dialog === 'transfer' && (
        <TransferDialog
          team={props.team}
          exclude={inChat}
          onCancel={() => setDialog(null)}
          onTransfer={(to, note) => {
            setDialog(null);
            props.onTransfer(to, note);
          }}
        />
      )}
      {dialog === 'invite' && (
        <InviteDialog
          team={props.team}
          exclude={inChat}
          onCancel={() => setDialog(null)}
          onInvite={(agentId) => {
            setDialog(null);
            props.onInvite(agentId);
          }}
        />
      )}
      {props.toolbox && <TagEditor tags={conversation.tags} known={props.toolbox.knownTags} onChange={props.toolbox.onTag} />}
      <div class="conversation-body">
        <div class="conversation-main">
          <MessageLog
            conversationId={conversation.id}
            visitorLabel={conversation.visitorLabel}
            events={props.events}
            visitorReadSeq={props.visitorReadSeq}
            outgoing={props.outgoing}
            loading={props.loading}
            connected={props.connected}
            onRetry={props.onRetry}
          />
          {draft !== undefined && <DraftPreview draft={draft} visitorLabel={conversation.visitorLabel} />}
          <TypingIndicator
            visitorTyping={props.visitorTyping && open}
            draftShown={draft !== undefined}
            colleagues={open ? props.colleaguesTyping : []}
          />
          {props.emails && <ConversationEmails conversationId={conversation.id} revision={conversation.updatedAt} load={props.emails} />}
          {open ? (
            <Composer
              conversationId={conversation.id}
              drafts={props.drafts}
              onSend={props.onSend}
              onDraftChange={props.onDraftChange}
              canned={canned}
              onNote={props.toolbox?.onNote}
              focused={props.focused}
              products={products}
              {...(props.searchProducts ? { searchProducts: props.searchProducts } : {})}
            />
          ) : (
            <p class="closed-notice">{t('conversation.closedNotice')}</p>
          )}
        </div>
        <VisitorPanel
          id={panelId}
          expanded={props.detailsExpanded}
          visitor={props.visitor}
          visitorLabel={conversation.visitorLabel}
          conversationId={conversation.id}
          onOpenConversation={props.onOpenConversation}
          onRetry={props.onRetryVisitor}
          admin={me.role === 'admin'}
        />
      </div>
    </section>
  );
}
