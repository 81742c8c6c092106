import type { AgentProfile } from '@mostrador/shared';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AccountScreen } from '../account/AccountScreen.tsx';
import { AdminScreen, type AdminTab } from '../admin/AdminScreen.tsx';
import type { ProductSearch } from '../api/productSearch.ts';
import type { LiveFeed } from '../reports/liveFeed.ts';
import { ReportsScreen } from '../reports/ReportsScreen.tsx';
import { ConsoleNavContext, viewsForRole, type ConsoleNav, type ConsoleView } from './consoleNav.ts';

/** Views with a screen of their own; the others are drawn by the inbox screen. */
const OWN_SCREEN: readonly ConsoleView[] = ['reports', 'admin', 'account'];

interface ConsoleViewsProps {
  agent: AgentProfile;
  onLogout: () => void;
  /** The inbox screen, which also shows the live visitors: both need its socket. */
  children: ComponentChildren;
  /** The Reports page's live figures, over that same socket. */
  liveFeed?: LiveFeed;
  /** The shop's products, over that same socket, for the admin's canned reply form. */
  searchProducts?: ProductSearch;
}

/**
 * Switches between the inbox, the live visitors, the admin pages and the
 * agent's account. The inbox screen stays mounted (only hidden) while the
 * agent is on the admin pages or their account: unmounting it would close
 * its socket, show the agent as offline to routing, and drop drafts. It shows the visitors itself, over the same socket.
 */
export function ConsoleViews({ agent, onLogout, children, liveFeed, searchProducts }: ConsoleViewsProps) {
  const views = viewsForRole(agent.role);
  const [view, setView] = useState<ConsoleView>('inbox');
  const [adminTab, setAdminTab] = useState<AdminTab>('agents');
  const shown: ConsoleView = views.includes(view) ? view : 'inbox';
  const inboxRef = useRef<HTMLDivElement>(null);
  const adminRef = useRef<HTMLDivElement>(null);
  const switched = useRef(false);

  // The pressed button disappears with the view it was in; focus its twin in
  // the view now shown, so keyboard users keep their place.
  useEffect(() => {
    if (!switched.current) return;
    const container = OWN_SCREEN.includes(shown) ? adminRef.current : inboxRef.current;
    container?.querySelector<HTMLElement>(`[data-part="nav-${shown}"]`)?.focus();
  }, [shown]);

  const nav = useMemo<ConsoleNav>(
    () => ({
      view: shown,
      views,
      go: (next) => {
        switched.current = true;
        setView(next);
      },
    }),
    // `views` follows the role, which an admin may change while the agent is signed in.
    [shown, agent.role],
  );

  return (
    <ConsoleNavContext.Provider value={nav}>
      <div ref={inboxRef} class="console-view" hidden={OWN_SCREEN.includes(shown)}>
        {children}
      </div>
      {shown === 'admin' && (
        <div ref={adminRef} class="console-view">
          <AdminScreen agent={agent} tab={adminTab} onSelectTab={setAdminTab} onLogout={onLogout} searchProducts={searchProducts} />
        </div>
      )}
      {shown === 'reports' && (
        <div ref={adminRef} class="console-view">
          <ReportsScreen agent={agent} onLogout={onLogout} liveFeed={liveFeed} />
        </div>
      )}
      {shown === 'account' && (
        <div ref={adminRef} class="console-view">
          <AccountScreen agent={agent} onLogout={onLogout} />
        </div>
      )}
    </ConsoleNavContext.Provider>
  );
}
