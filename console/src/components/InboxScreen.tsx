import type { AgentProfile, ConversationState } from '@mostrador/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgentConnection } from '../api/agentConnection.ts';
import { useCannedReplies } from '../canned/useCannedReplies.ts';
import { browserAlertOutput, type AlertOutput } from '../api/browserAlerts.ts';
import { useI18n } from '../i18n/context.ts';
import { useConsoleNav } from '../navigation/consoleNav.ts';
import { loadDetailsExpanded, saveDetailsExpanded } from '../state/detailsStorage.ts';
import { InboxController } from '../state/inboxController.ts';
import { loadMuted, saveMuted } from '../state/muteStorage.ts';
import { focusedPane } from '../state/panes.ts';
import { useStore } from '../state/store.ts';
import { titleWithUnread, totalUnread } from '../state/title.ts';
import { TypingNotifier } from '../state/typingNotifier.ts';
import { unreadOf as unreadCount } from '../state/unread.ts';
import { conversationsInView, viewsFor } from '../state/views.ts';
import { loadViewedSeqs, saveViewedSeqs } from '../state/viewedStorage.ts';
import type { DraftStore } from './Composer.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { ConversationList } from './ConversationList.tsx';
import { ConversationPane } from './ConversationPane.tsx';
import { Header } from './Header.tsx';
import { MuteToggle } from './MuteToggle.tsx';
import { NotificationOffer } from './NotificationOffer.tsx';
import { PaneArea } from './PaneArea.tsx';
import { focusChatSoon } from './paneFocus.ts';
import { PresenceSelect } from './PresenceSelect.tsx';
import { useAlerts } from './useAlerts.ts';
import { useConversationShortcuts } from './useConversationShortcuts.ts';
import { useTagNames } from './useTagNames.ts';
import { conversationEmails } from '../api/emails.ts';
import { SearchPage } from '../search/SearchPage.tsx';
import { VisitorsPage } from './visitors/VisitorsPage.tsx';

interface InboxScreenProps {
  agent: AgentProfile;
  connect: () => AgentConnection;
  onLogout: () => void;
  onSessionEnded: () => void;
  /** Sound and desktop notifications; tests pass a recorder. */
  alertOutput?: AlertOutput;
}

/**
 * The signed-in console over one socket: the conversations, and the live
 * visitors when the header's switch says so (they share the socket, and
 * starting a chat from there lands in a pane here).
 */
export function InboxScreen({ agent, connect, onLogout, onSessionEnded, alertOutput = browserAlertOutput }: InboxScreenProps) {
  const { t } = useI18n();
  const nav = useConsoleNav();
  const showingVisitors = nav?.view === 'visitors';
  const showingSearch = nav?.view === 'search';
  const [muted, setMuted] = useState(loadMuted);
  const [detailsExpanded, setDetailsExpanded] = useState(loadDetailsExpanded);
  const [drafts] = useState<DraftStore>(() => new Map());
  const canned = useCannedReplies();
  const knownTags = useTagNames();
  const [connection] = useState(connect);
  // The controller is made once, after the alerts it reports to; a clicked notification reaches it through this ref.
  const controllerRef = useRef<InboxController | null>(null);
  /** Opens a chat from elsewhere (a notification, the visitors page) and brings the conversations into view. */
  const openChat = (id: string) => {
    controllerRef.current?.open(id);
    if (nav && nav.view !== 'inbox') nav.go('inbox');
    focusChatSoon(id, 'reply');
  };
  const alerts = useAlerts({ output: alertOutput, t, muted, onOpen: openChat });
  const [controller] = useState(
    () =>
      new InboxController({
        connection,
        me: agent,
        onSessionEnded,
        viewedSeqs: loadViewedSeqs(agent.id),
        onViewedChange: (viewed) => saveViewedSeqs(agent.id, viewed),
        onAlert: alerts.handle,
        pageVisible: () => document.visibilityState === 'visible',
      }),
  );
  controllerRef.current = controller;
  const [typingNotifier] = useState(() => new TypingNotifier((id, typing) => controller.setTyping(id, typing)));
  useEffect(
    () => () => {
      typingNotifier.stop();
      controller.dispose();
    },
    [controller, typingNotifier],
  );
  useConversationShortcuts(controller, !nav || nav.view === 'inbox');
  useEffect(() => {
    const shown = () => {
      if (document.visibilityState === 'visible') controller.pageShown();
    };
    document.addEventListener('visibilitychange', shown);
    return () => document.removeEventListener('visibilitychange', shown);
  }, [controller]);

  const state = useStore(controller.store);
  const [stateFilter, setStateFilter] = useState<ConversationState | null>(null);
  const unread = totalUnread(state);
  useEffect(() => {
    document.title = titleWithUnread(t('app.name'), unread);
  }, [t, unread]);

  const views = viewsFor(agent);
  const list = conversationsInView(state.conversations, state.view, agent, state.view === 'closed' ? null : stateFilter);
  const counts = {
    mine: conversationsInView(state.conversations, 'mine', agent).length,
    queue: conversationsInView(state.conversations, 'queue', agent).length,
  };
  const focusedId = focusedPane(state.panes);
  const unreadOf = (id: string) => unreadCount(state.conversations[id], state.logs[id], state.viewedSeq[id] ?? 0);
  const panes = state.panes.open.flatMap((id) => state.conversations[id] ?? []);
  const connected = state.connection === 'connected';
  const toggleDetails = () => {
    saveDetailsExpanded(!detailsExpanded);
    setDetailsExpanded(!detailsExpanded);
  };
  const startChat = async (visitorId: string, body: string) => {
    const outcome = await controller.startConversation(visitorId, body);
    if (outcome.ok) openChat(outcome.conversationId);
    return outcome;
  };

  return (
    <div class="app-shell">
      <Header
        agent={agent}
        onLogout={onLogout}
        tools={
          <>
            <PresenceSelect presence={state.presence} connected={connected} onChange={(status) => void controller.setPresence(status)} />
            <MuteToggle
              muted={muted}
              onToggle={() => {
                saveMuted(!muted);
                setMuted(!muted);
              }}
            />
          </>
        }
      />
      <ConnectionBanner connection={state.connection} />
      <NotificationOffer />
      <div class="visually-hidden" role="status" aria-live="polite" data-part="announcer">
        {alerts.announcement}
      </div>
      <main class="workspace" hidden={showingVisitors || showingSearch}>
        {/* The page's one h1 (axe: page-has-heading-one), for screen readers: sighted agents see the list it names. */}
        <h1 class="visually-hidden">{t('inbox.label')}</h1>
        <ConversationList
          views={views}
          view={state.view}
          counts={counts}
          conversations={list}
          focusedId={focusedId}
          openIds={state.panes.open}
          unreadOf={unreadOf}
          isVisitorTyping={(id) => id in state.visitorTyping}
          loadFailed={state.listsState === 'failed'}
          onSelectView={(view) => controller.selectView(view)}
          stateFilter={stateFilter}
          onStateFilter={setStateFilter}
          onSelect={(id) => controller.open(id)}
        />
        <PaneArea
          panes={panes}
          focusedId={focusedId}
          unreadOf={unreadOf}
          onFocus={(id) => controller.focus(id)}
          renderPane={(conversation) => {
            const id = conversation.id;
            return (
              <ConversationPane
                key={id}
                conversation={conversation}
                me={agent}
                focused={id === focusedId}
                events={state.logs[id]}
                visitorReadSeq={Math.max(conversation.visitorReadSeq ?? 0, state.visitorReadSeq[id] ?? 0)}
                outgoing={state.outbox.filter((message) => message.conversationId === id)}
                loading={id in state.syncing}
                connected={connected}
                visitorTyping={id in state.visitorTyping}
                visitorDraft={state.visitorDrafts[id]}
                colleaguesTyping={Object.values(state.colleagueTyping[id] ?? {})}
                action={state.actions[id]}
                team={state.team}
                drafts={drafts}
                visitor={state.visitors[conversation.visitorId]}
                detailsExpanded={detailsExpanded}
                canned={{ ...canned, agentName: agent.name }}
                searchProducts={(query) => controller.searchProducts(query)}
                emails={conversationEmails}
                toolbox={{
                  knownTags,
                  onNote: (body) => controller.toolbox.note(id, body),
                  onTag: (change) => controller.toolbox.tag(id, change),
                }}
                onFocus={() => controller.focus(id)}
                onSend={(body, noEmail, files, product) => {
                  typingNotifier.stop();
                  controller.send(id, body, noEmail, files, product);
                }}
                onDraftChange={(draft) => typingNotifier.draftChanged(id, draft)}
                onRetry={(clientId) => controller.retry(clientId)}
                onTake={() => void controller.actions.take(id)}
                onTransfer={(to, note) => void controller.actions.transfer(id, to, note)}
                onInvite={(agentId) => void controller.actions.invite(id, agentId)}
                onLeave={() => void controller.actions.leave(id)}
                onClose={() => void controller.actions.close(id)}
                onState={(change) => void controller.actions.setState({ conversationId: id, ...change })}
                onHide={() => controller.closePane(id)}
                onDismissError={() => controller.actions.dismissError(id)}
                onNeedTeam={() => void controller.loadTeam()}
                onToggleDetails={toggleDetails}
                onOpenConversation={(other) => controller.open(other)}
                onRetryVisitor={() => controller.retryVisitor(conversation.visitorId)}
              />
            );
          }}
        />
      </main>
      {showingVisitors && <VisitorsPage connection={connection} onStartChat={startChat} onOpenChat={openChat} />}
      {showingSearch && <SearchPage team={state.team} onNeedTeam={() => void controller.loadTeam()} onOpenChat={openChat} />}
    </div>
  );
}
