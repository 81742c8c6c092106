import type { ConversationState, ConversationSummary, InboxView } from '@mostrador/shared';
import type { MessageKey } from '../i18n/index.ts';
import { useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import { groupByDepartment } from '../state/views.ts';
import { ConversationRow } from './ConversationRow.tsx';
import { useNow } from './useNow.ts';
import { useWindow } from './useWindow.ts';

interface ConversationListProps {
  views: readonly InboxView[];
  view: InboxView;
  /** How many conversations each view holds, for the tab badges of Mine and Queue. */
  counts: Readonly<Partial<Record<InboxView, number>>>;
  conversations: readonly ConversationSummary[];
  focusedId: string | null;
  openIds: readonly string[];
  unreadOf: (conversationId: string) => number;
  isVisitorTyping: (conversationId: string) => boolean;
  loadFailed: boolean;
  onSelectView: (view: InboxView) => void;
  /** The state the active lists are narrowed to; null shows every state. */
  stateFilter: ConversationState | null;
  onStateFilter: (state: ConversationState | null) => void;
  onSelect: (conversationId: string) => void;
}

const LABELS: Readonly<Record<InboxView, MessageKey>> = {
  mine: 'inbox.viewMine',
  queue: 'inbox.viewQueue',
  tickets: 'inbox.viewTickets',
  all: 'inbox.viewAll',
  closed: 'inbox.viewClosed',
};

const ACTIVE_STATES = ['open', 'pending', 'snoozed'] as const;
const TICKET_STATES = ['open', 'pending'] as const;

/** A row with its label, preview and time, before it has been measured. */
const ESTIMATED_ROW_PX = 72;
const OVERSCAN_PX = 400;
const NO_ROWS: readonly ConversationSummary[] = [];
const idOf = (conversation: ConversationSummary) => conversation.id;
const idOfRow = (item: HTMLElement) => item.firstElementChild?.getAttribute('data-conversation-id') ?? undefined;

const EMPTY: Readonly<Record<InboxView, MessageKey>> = {
  mine: 'inbox.emptyMine',
  queue: 'inbox.emptyQueue',
  tickets: 'inbox.emptyTickets',
  all: 'inbox.emptyAll',
  closed: 'inbox.emptyClosed',
};

export function ConversationList(props: ConversationListProps) {
  const { t } = useI18n();
  const now = useNow(1_000);
  const { view, conversations } = props;
  const listRef = useRef<HTMLDivElement>(null);
  // Flat lists can hold a thousand rows, so only those near the viewport are
  // rendered; the queue, grouped by department, is rendered whole.
  const { range, onScroll } = useWindow(listRef, {
    items: view === 'queue' ? NO_ROWS : conversations,
    keyOf: idOf,
    itemSelector: ':scope > ul > li',
    keyOfElement: idOfRow,
    estimate: ESTIMATED_ROW_PX,
    overscan: OVERSCAN_PX,
    followBottom: false,
  });
  const rows = (list: readonly ConversationSummary[], padding?: { before: number; after: number }) => (
    <ul style={padding ? { paddingTop: `${padding.before}px`, paddingBottom: `${padding.after}px` } : undefined}>
      {list.map((conversation) => (
        <ConversationRow
          key={conversation.id}
          conversation={conversation}
          selected={conversation.id === props.focusedId}
          open={props.openIds.includes(conversation.id)}
          unread={props.unreadOf(conversation.id)}
          visitorTyping={props.isVisitorTyping(conversation.id)}
          now={now}
          onSelect={props.onSelect}
        />
      ))}
    </ul>
  );
  return (
    <nav class="inbox" aria-label={t('inbox.label')}>
      <div class="tabs" role="tablist" aria-label={t('inbox.label')}>
        {props.views.map((tabView) => {
          const count = tabView === 'mine' || tabView === 'queue' ? (props.counts[tabView] ?? 0) : 0;
          return (
            <button
              key={tabView}
              type="button"
              role="tab"
              id={`tab-${tabView}`}
              aria-selected={view === tabView}
              aria-controls="conversation-list"
              class="tab"
              data-part="tab"
              data-view={tabView}
              onClick={() => props.onSelectView(tabView)}
            >
              {t(LABELS[tabView])}
              {count > 0 && <span class={`tab-count ${tabView}`}>{count}</span>}
            </button>
          );
        })}
      </div>
      {view !== 'closed' && (
        <label class="state-filter">
          {t('state.filter')}
          <select
            data-part="state-filter"
            value={props.stateFilter ?? ''}
            onChange={(event) => props.onStateFilter((event.currentTarget.value || null) as ConversationState | null)}
          >
            <option value="">{t('state.filterAll')}</option>
            {(view === 'tickets' ? TICKET_STATES : ACTIVE_STATES).map((state) => (
              <option key={state} value={state}>
                {t(`state.${state}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <div
        ref={listRef}
        id="conversation-list"
        role="tabpanel"
        aria-labelledby={`tab-${view}`}
        class="conversation-list"
        data-view={view}
        onScroll={onScroll}
      >
        {props.loadFailed && (
          <p class="list-note error" role="alert">
            {t('inbox.loadFailed')}
          </p>
        )}
        {conversations.length === 0 ? (
          <p class="list-note">{t(EMPTY[view])}</p>
        ) : view === 'queue' ? (
          groupByDepartment(conversations).map((group) => (
            <section
              key={group.department?.id ?? ''}
              class="queue-group"
              data-part="queue-group"
              data-department-id={group.department?.id ?? ''}
            >
              <h3 class="queue-group-title">{group.department?.name ?? t('inbox.noDepartment')}</h3>
              {rows(group.conversations)}
            </section>
          ))
        ) : (
          rows(conversations.slice(range.start, range.end), range)
        )}
      </div>
      <p class="shortcut-hint">{t('inbox.shortcutHint')}</p>
    </nav>
  );
}
