import type { AgentRole } from '@mostrador/shared';
import { useAdminI18n } from './i18n/index.ts';
import { useConsoleNav, type ConsoleView } from './navigation.ts';

const VIEWS: readonly ConsoleView[] = ['inbox', 'admin'];

/** Inbox / Admin switch for the header; renders nothing for agents who are not admins. */
export function ViewNav({ role }: { role: AgentRole }) {
  const { t } = useAdminI18n();
  const nav = useConsoleNav();
  if (!nav || role !== 'admin') return null;
  return (
    <nav class="view-nav" aria-label={t('nav.label')}>
      {VIEWS.map((view) => (
        <button
          key={view}
          type="button"
          class="view-nav-button"
          data-part={`nav-${view}`}
          aria-current={nav.view === view ? 'page' : undefined}
          onClick={() => nav.go(view)}
        >
          {view === 'inbox' ? t('nav.inbox') : t('nav.admin')}
        </button>
      ))}
    </nav>
  );
}
