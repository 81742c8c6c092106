import type { MessageKey } from '../i18n/index.ts';
import { useI18n } from '../i18n/context.ts';
import { useConsoleNav, type ConsoleView } from './consoleNav.ts';

const LABELS: Readonly<Record<ConsoleView, MessageKey>> = {
  inbox: 'nav.inbox',
  visitors: 'nav.visitors',
  search: 'nav.search',
  reports: 'nav.reports',
  admin: 'nav.admin',
  account: 'nav.account',
};

/** Inbox / Visitors (/ Admin) switch for the header; renders nothing without a switch to drive. */
export function ViewNav() {
  const { t } = useI18n();
  const nav = useConsoleNav();
  if (!nav) return null;
  return (
    <nav class="view-nav" aria-label={t('nav.label')}>
      {nav.views.map((view) => (
        <button
          key={view}
          type="button"
          class="view-nav-button"
          data-part={`nav-${view}`}
          aria-current={nav.view === view ? 'page' : undefined}
          onClick={() => nav.go(view)}
        >
          {t(LABELS[view])}
        </button>
      ))}
    </nav>
  );
}
