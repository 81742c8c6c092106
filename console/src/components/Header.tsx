import type { AgentProfile } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';
import { LanguageSelect } from './LanguageSelect.tsx';

interface HeaderProps {
  agent: AgentProfile;
  onLogout: () => void;
}

export function Header({ agent, onLogout }: HeaderProps) {
  const { t } = useI18n();
  return (
    <header class="app-header">
      <div class="app-header-title">
        <span class="brand">{t('app.name')}</span>
        <span class="site-name">{agent.site.name}</span>
      </div>
      <div class="app-header-tools">
        <span class="agent-name">{t('header.signedInAs', { name: agent.name })}</span>
        <LanguageSelect />
        <button type="button" class="button" onClick={onLogout}>
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}
