import type { ConversationEvent, ConversationSummary } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';
import type { OutgoingMessage } from '../state/consoleState.ts';
import { Composer, type DraftStore } from './Composer.tsx';
import { ConversationHeader } from './ConversationHeader.tsx';
import { MessageLog } from './MessageLog.tsx';
import { TypingIndicator } from './TypingIndicator.tsx';

interface ConversationPaneProps {
  conversation: ConversationSummary;
  events: readonly ConversationEvent[] | undefined;
  outgoing: readonly OutgoingMessage[];
  loading: boolean;
  connected: boolean;
  visitorTyping: boolean;
  closing: 'pending' | 'failed' | undefined;
  drafts: DraftStore;
  onSend: (body: string) => void;
  onDraftChange: (draft: string) => void;
  onRetry: (clientId: string) => void;
  onClose: () => void;
}

export function ConversationPane(props: ConversationPaneProps) {
  const { t } = useI18n();
  const { conversation } = props;
  return (
    <section
      class="conversation"
      data-part="conversation"
      data-conversation-id={conversation.id}
      data-status={conversation.status}
      aria-labelledby="conversation-title"
    >
      <ConversationHeader conversation={conversation} closing={props.closing} onClose={props.onClose} />
      <MessageLog
        conversationId={conversation.id}
        visitorLabel={conversation.visitorLabel}
        events={props.events}
        outgoing={props.outgoing}
        loading={props.loading}
        connected={props.connected}
        onRetry={props.onRetry}
      />
      <TypingIndicator typing={props.visitorTyping && conversation.status === 'open'} />
      {conversation.status === 'open' ? (
        <Composer
          conversationId={conversation.id}
          drafts={props.drafts}
          onSend={props.onSend}
          onDraftChange={props.onDraftChange}
        />
      ) : (
        <p class="closed-notice">{t('conversation.closedNotice')}</p>
      )}
    </section>
  );
}
