import type { AgentProfile } from '@mostrador/shared';
import type { ProductSearch } from '../api/productSearch.ts';
import { Header } from '../components/Header.tsx';
import { AgentsPage } from './agents/AgentsPage.tsx';
import { BrandingPage } from './branding/BrandingPage.tsx';
import { CannedRepliesPage } from './canned/CannedRepliesPage.tsx';
import { TagsPage } from './canned/TagsPage.tsx';
import { DepartmentsPage } from './departments/DepartmentsPage.tsx';
import { HoursPage } from './hours/HoursPage.tsx';
import { useAdminI18n, type AdminMessageKey } from './i18n/index.ts';
import { MailboxPage } from './mailbox/MailboxPage.tsx';
import { AuditPage } from './privacy/AuditPage.tsx';
import { SitePage } from './site/SitePage.tsx';
import { TriggersPage } from './triggers/TriggersPage.tsx';
import './admin.css';

export type AdminTab = 'agents' | 'departments' | 'triggers' | 'canned' | 'tags' | 'site' | 'branding' | 'hours' | 'privacy' | 'mailbox';

const TABS: readonly { tab: AdminTab; label: AdminMessageKey }[] = [
  { tab: 'agents', label: 'admin.tabAgents' },
  { tab: 'departments', label: 'admin.tabDepartments' },
  { tab: 'triggers', label: 'admin.tabTriggers' },
  { tab: 'canned', label: 'admin.tabCanned' },
  { tab: 'tags', label: 'admin.tabTags' },
  { tab: 'site', label: 'admin.tabSite' },
  { tab: 'branding', label: 'admin.tabBranding' },
  { tab: 'hours', label: 'admin.tabHours' },
  { tab: 'privacy', label: 'privacy.tab' },
  { tab: 'mailbox', label: 'admin.tabMailbox' },
];

interface AdminScreenProps {
  agent: AgentProfile;
  tab: AdminTab;
  onSelectTab: (tab: AdminTab) => void;
  onLogout: () => void;
  /** The shop's products over the console's socket, for a canned reply's product card. */
  searchProducts?: ProductSearch | undefined;
}

export function AdminScreen({ agent, tab, onSelectTab, onLogout, searchProducts }: AdminScreenProps) {
  const { t } = useAdminI18n();

  // WAI-ARIA tabs: arrows, Home and End move between tabs (and select them);
  // Tab moves on into the panel, so the strip is a single stop.
  function onTabKey(event: KeyboardEvent) {
    const index = TABS.findIndex((entry) => entry.tab === tab);
    const last = TABS.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    const target = TABS[next];
    if (!target) return;
    onSelectTab(target.tab);
    document.getElementById(`admin-tab-${target.tab}`)?.focus();
  }

  return (
    <div
      class="app-shell admin-shell"
      onKeyDown={(event) => {
        // The hidden inbox listens on window for Alt+↑/↓; stop those here so
        // they keep their native meaning in admin fields (e.g. opening a select).
        if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) event.stopPropagation();
      }}
    >
      <Header agent={agent} onLogout={onLogout} />
      <main class="admin-main">
        <h1 class="admin-title">{t('admin.title')}</h1>
        <div class="admin-tabs" role="tablist" aria-label={t('admin.tabsLabel')} onKeyDown={onTabKey}>
          {TABS.map((entry) => (
            <button
              key={entry.tab}
              id={`admin-tab-${entry.tab}`}
              type="button"
              role="tab"
              class="tab"
              data-admin-tab={entry.tab}
              aria-selected={entry.tab === tab}
              aria-controls="admin-panel"
              tabIndex={entry.tab === tab ? 0 : -1}
              onClick={() => onSelectTab(entry.tab)}
            >
              {t(entry.label)}
            </button>
          ))}
        </div>
        <section id="admin-panel" class="admin-panel" role="tabpanel" aria-labelledby={`admin-tab-${tab}`}>
          {tab === 'agents' && <AgentsPage />}
          {tab === 'departments' && <DepartmentsPage />}
          {tab === 'triggers' && <TriggersPage />}
          {tab === 'canned' && <CannedRepliesPage searchProducts={searchProducts} />}
          {tab === 'tags' && <TagsPage />}
          {tab === 'site' && <SitePage />}
          {tab === 'branding' && <BrandingPage />}
          {tab === 'hours' && <HoursPage />}
          {tab === 'privacy' && <AuditPage />}
          {tab === 'mailbox' && <MailboxPage />}
        </section>
      </main>
    </div>
  );
}
