import type { LiveVisitor } from '@mostrador/shared';
import { useMemo, useState } from 'preact/hooks';
import type { AgentConnection } from '../../api/agentConnection.ts';
import { useI18n } from '../../i18n/context.ts';
import { DEFAULT_VISITOR_SORT, nextSort, sortVisitors } from '../../state/liveVisitors.ts';
import type { StartChatOutcome } from '../../state/startChat.ts';
import { StartChatDialog } from './StartChatDialog.tsx';
import { useVisitorWatch } from './useVisitorWatch.ts';
import { VisitorsTable } from './VisitorsTable.tsx';
import './visitors.css';

interface VisitorsPageProps {
  connection: AgentConnection;
  onStartChat: (visitorId: string, body: string) => Promise<StartChatOutcome>;
  onOpenChat: (conversationId: string) => void;
}

/**
 * Who is on the shop right now, biggest carts first, with a way to speak
 * first to anyone not already chatting. Watching starts when the page opens
 * and stops when it closes, so the server only sends changes while someone looks.
 */
export function VisitorsPage({ connection, onStartChat, onOpenChat }: VisitorsPageProps) {
  const { t } = useI18n();
  const { state, retry } = useVisitorWatch(connection);
  const [sort, setSort] = useState(DEFAULT_VISITOR_SORT);
  const [starting, setStarting] = useState<LiveVisitor | null>(null);
  const visitors = useMemo(() => sortVisitors(state.visitors, sort), [state.visitors, sort]);
  const count = visitors.length;

  return (
    <main class="visitors-page" aria-labelledby="visitors-title" data-part="visitors-page">
      <div class="visitors-top">
        <h1 id="visitors-title">{t('visitors.title')}</h1>
        {state.phase === 'ready' && (
          <p class="visitors-count" data-part="visitor-count">
            <span class="presence-dot" aria-hidden="true" />
            {count === 1 ? t('visitors.countOne') : t('visitors.countOther', { count })}
          </p>
        )}
      </div>
      {state.phase === 'loading' && (
        <p class="visitors-note" role="status">
          {t('visitors.loading')}
        </p>
      )}
      {state.phase === 'failed' && (
        <div class="visitors-note">
          <p class="inline-error" role="alert">
            {t('visitors.failed')}
          </p>
          <button type="button" class="button" onClick={retry}>
            {t('visitors.retry')}
          </button>
        </div>
      )}
      {state.phase === 'ready' &&
        (count === 0 ? (
          <p class="visitors-note">{t('visitors.empty')}</p>
        ) : (
          <VisitorsTable
            visitors={visitors}
            sort={sort}
            onSort={(key) => setSort((current) => nextSort(current, key))}
            onStartChat={setStarting}
            onOpenChat={onOpenChat}
          />
        ))}
      {starting && (
        <StartChatDialog
          key={starting.id}
          visitor={starting}
          onSend={(body) => onStartChat(starting.id, body)}
          onCancel={() => setStarting(null)}
        />
      )}
    </main>
  );
}
