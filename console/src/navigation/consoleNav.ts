import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** The console's top-level views: every agent has the inbox, the live visitors and their account; admins also the reports and the admin pages. */
export type ConsoleView = 'inbox' | 'visitors' | 'search' | 'reports' | 'admin' | 'account';

export interface ConsoleNav {
  view: ConsoleView;
  /** The views this agent may switch between, in header order. */
  views: readonly ConsoleView[];
  go: (view: ConsoleView) => void;
}

export function viewsForRole(role: 'admin' | 'agent'): readonly ConsoleView[] {
  return role === 'admin' ? ['inbox', 'visitors', 'search', 'reports', 'admin', 'account'] : ['inbox', 'visitors', 'search', 'account'];
}

/**
 * How the header and the inbox reach the view switch without passing it
 * down: both are rendered inside the inbox screen, which does not own the
 * switch. Null (the default) means no switch, as when the inbox is rendered
 * on its own in tests: it then shows the conversations only.
 */
export const ConsoleNavContext = createContext<ConsoleNav | null>(null);

export function useConsoleNav(): ConsoleNav | null {
  return useContext(ConsoleNavContext);
}
