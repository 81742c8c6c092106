import type { AgentProfile } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { Header } from '../components/Header.tsx';
import { useI18n } from '../i18n/context.ts';
import { PasswordSection } from './PasswordSection.tsx';
import { PictureSection } from './PictureSection.tsx';
import { SessionsSection } from './SessionsSection.tsx';
import { TwoFactorSection } from './TwoFactorSection.tsx';
import './account.css';

interface AccountScreenProps {
  agent: AgentProfile;
  onLogout: () => void;
}

/** Every agent's own page: their picture, where they are signed in, their password, two-step sign-in. */
export function AccountScreen({ agent, onLogout }: AccountScreenProps) {
  const { t } = useI18n();
  // A password change signs out the other sessions: the list is read again.
  const [sessionsVersion, setSessionsVersion] = useState(0);
  return (
    <div class="app-shell admin-shell account-shell">
      <Header agent={agent} onLogout={onLogout} />
      <main class="admin-main account-main">
        <h1 class="admin-title">{t('account.title')}</h1>
        <PictureSection name={agent.name} picture={agent.picture} path="/api/account/picture" />
        <SessionsSection key={sessionsVersion} />
        <PasswordSection onChanged={() => setSessionsVersion((v) => v + 1)} />
        <TwoFactorSection />
      </main>
    </div>
  );
}
