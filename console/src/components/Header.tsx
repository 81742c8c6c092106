import type { AgentProfile } from '@mostrador/shared';
import type { ComponentChildren } from 'preact';
import { ViewNav } from '../navigation/ViewNav.tsx';
import { useI18n } from '../i18n/context.ts';
import { LanguageSelect } from './LanguageSelect.tsx';

interface HeaderProps {
  agent: AgentProfile;
  onLogout: () => void;
  /** Controls the inbox adds: presence and sound. */
  tools?: ComponentChildren;
}

export function Header({ agent, onLogout, tools }: HeaderProps) {
  const { t } = useI18n();
  return (
    <header class="app-header">
      <div class="app-header-title">
        <span class="brand">{t('app.name')}</span>
        <span class="site-name">{agent.site.name}</span>
        <ViewNav />
      </div>
      <div class="app-header-tools">
        <span class="agent-name">{t('header.signedInAs', { name: agent.name })}</span>
        {tools}
        <LanguageSelect />
        <button type="button" class="button" onClick={onLogout}>
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}
