import type { AgentProfile } from '@mostrador/shared';
import { useEffect, useState } from 'preact/hooks';
import type { AgentConnection } from '../api/agentConnection.ts';
import { useI18n } from '../i18n/context.ts';
import { conversationsWithStatus } from '../state/conversations.ts';
import { InboxController } from '../state/inboxController.ts';
import { useStore } from '../state/store.ts';
import { TypingNotifier } from '../state/typingNotifier.ts';
import { countUnread } from '../state/unread.ts';
import { loadViewedSeqs, saveViewedSeqs } from '../state/viewedStorage.ts';
import type { DraftStore } from './Composer.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { ConversationList } from './ConversationList.tsx';
import { ConversationPane } from './ConversationPane.tsx';
import { Header } from './Header.tsx';
import { useConversationShortcuts } from './useConversationShortcuts.ts';

interface InboxScreenProps {
  agent: AgentProfile;
  connect: () => AgentConnection;
  onLogout: () => void;
  onSessionEnded: () => void;
}

export function InboxScreen({ agent, connect, onLogout, onSessionEnded }: InboxScreenProps) {
  const { t } = useI18n();
  const [controller] = useState(
    () =>
      new InboxController({
        connection: connect(),
        onSessionEnded,
        viewedSeqs: loadViewedSeqs(agent.id),
        onViewedChange: (viewed) => saveViewedSeqs(agent.id, viewed),
      }),
  );
  const [typingNotifier] = useState(() => new TypingNotifier((id, typing) => controller.setTyping(id, typing)));
  const [drafts] = useState<DraftStore>(() => new Map());
  useEffect(
    () => () => {
      typingNotifier.stop();
      controller.dispose();
    },
    [controller, typingNotifier],
  );
  useConversationShortcuts(controller);

  const state = useStore(controller.store);
  const list = conversationsWithStatus(state.conversations, state.tab);
  const openCount = state.tab === 'open' ? list.length : conversationsWithStatus(state.conversations, 'open').length;
  const selected = state.selectedId ? state.conversations[state.selectedId] : undefined;

  return (
    <div class="app-shell">
      <Header agent={agent} onLogout={onLogout} />
      <ConnectionBanner connection={state.connection} />
      <main class="workspace">
        <ConversationList
          tab={state.tab}
          openCount={openCount}
          conversations={list}
          selectedId={state.selectedId}
          unreadOf={(id) => countUnread(state.logs[id] ?? [], state.viewedSeq[id] ?? 0)}
          isVisitorTyping={(id) => id in state.visitorTyping}
          loadFailed={state.listsState === 'failed'}
          onSelectTab={(tab) => controller.selectTab(tab)}
          onSelect={(id) => controller.select(id)}
        />
        {selected ? (
          <ConversationPane
            conversation={selected}
            events={state.logs[selected.id]}
            outgoing={state.outbox.filter((message) => message.conversationId === selected.id)}
            loading={selected.id in state.syncing}
            connected={state.connection === 'connected'}
            visitorTyping={selected.id in state.visitorTyping}
            closing={state.closing[selected.id]}
            drafts={drafts}
            onSend={(body) => {
              typingNotifier.stop();
              controller.send(selected.id, body);
            }}
            onDraftChange={(draft) => typingNotifier.draftChanged(selected.id, draft)}
            onRetry={(clientId) => controller.retry(clientId)}
            onClose={() => void controller.close(selected.id)}
          />
        ) : (
          <section class="conversation empty-pane">
            <p>{t('conversation.none')}</p>
          </section>
        )}
      </main>
    </div>
  );
}
