import type { AgentProfile } from '@mostrador/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ConsoleViews } from '../navigation/ConsoleViews.tsx';
import { currentAgent, logout } from '../api/http.ts';
import type { AgentConnection } from '../api/agentConnection.ts';
import { productSearchOf } from '../api/productSearch.ts';
import { connectAgentSocket } from '../api/socketConnection.ts';
import { liveFeedOf } from '../reports/liveFeed.ts';
import { I18nContext, type I18n } from '../i18n/context.ts';
import { LANGUAGE_STORAGE_KEY, pickLanguage, translatorFor, type Language } from '../i18n/index.ts';
import { InboxScreen } from './InboxScreen.tsx';
import { LoginScreen } from './LoginScreen.tsx';

type Session = { phase: 'checking' } | { phase: 'signedOut'; sessionEnded: boolean } | { phase: 'signedIn'; agent: AgentProfile };

function savedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

function useLanguage(): I18n {
  const [language, setLanguageState] = useState<Language>(() => pickLanguage(savedLanguage(), navigator.languages ?? [navigator.language]));
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    } catch {
      // Without storage the choice lasts as long as the page, which is still useful.
    }
  }, []);
  const i18n = useMemo(() => ({ language, t: translatorFor(language), setLanguage }), [language, setLanguage]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return i18n;
}

export function App() {
  const i18n = useLanguage();
  const [session, setSession] = useState<Session>({ phase: 'checking' });

  useEffect(() => {
    let cancelled = false;
    void currentAgent().then((agent) => {
      if (cancelled) return;
      setSession(agent ? { phase: 'signedIn', agent } : { phase: 'signedOut', sessionEnded: false });
    });
    return () => {
      cancelled = true;
    };
  }, []);

  // Signed in, the inbox owns the title: it adds the unread count.
  useEffect(() => {
    if (session.phase !== 'signedIn') document.title = i18n.t('app.name');
  }, [session.phase, i18n]);

  const handleSessionEnded = useCallback(() => setSession({ phase: 'signedOut', sessionEnded: true }), []);

  // The server drops an agent's sockets when an admin changes their role or
  // departments; each reconnection after the first reads the profile again,
  // so the views (the admin pages) follow the new role without a reload.
  // The inbox opens the agent's one socket; the Reports page's live figures ride on it.
  const connectionRef = useRef<AgentConnection | null>(null);
  const liveFeed = useMemo(() => liveFeedOf(() => connectionRef.current), []);
  const searchProducts = useMemo(() => productSearchOf(() => connectionRef.current), []);
  const connect = useCallback(() => {
    const connection = connectAgentSocket();
    connectionRef.current = connection;
    let connectedBefore = false;
    connection.onStatus((status) => {
      if (status !== 'connected') return;
      if (connectedBefore) {
        void currentAgent().then((agent) => {
          if (!agent) return;
          setSession((current) => (current.phase === 'signedIn' && current.agent.id === agent.id ? { phase: 'signedIn', agent } : current));
        });
      }
      connectedBefore = true;
    });
    return connection;
  }, []);
  const handleLogout = useCallback(() => {
    // Leave first: unmounting the inbox closes its socket, so the server
    // dropping it after logout is not mistaken for an expired session.
    setSession({ phase: 'signedOut', sessionEnded: false });
    void logout();
  }, []);

  return (
    <I18nContext.Provider value={i18n}>
      {session.phase === 'checking' && (
        <p class="app-loading" role="status">
          {i18n.t('app.loading')}
        </p>
      )}
      {session.phase === 'signedOut' && (
        <LoginScreen sessionEnded={session.sessionEnded} onLoggedIn={(agent) => setSession({ phase: 'signedIn', agent })} />
      )}
      {session.phase === 'signedIn' && (
        <ConsoleViews
          key={session.agent.id}
          agent={session.agent}
          onLogout={handleLogout}
          liveFeed={liveFeed}
          searchProducts={searchProducts}
        >
          <InboxScreen
            key={session.agent.id}
            agent={session.agent}
            connect={connect}
            onLogout={handleLogout}
            onSessionEnded={handleSessionEnded}
          />
        </ConsoleViews>
      )}
    </I18nContext.Provider>
  );
}
