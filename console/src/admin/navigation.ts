import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type ConsoleView = 'inbox' | 'admin';

export interface ConsoleNav {
  view: ConsoleView;
  go: (view: ConsoleView) => void;
}

/**
 * How the header reaches the view switch without the inbox passing it down:
 * the header is rendered inside the inbox screen, which does not know about
 * admin pages. Null (the default) means no switch, as for non-admins.
 */
export const ConsoleNavContext = createContext<ConsoleNav | null>(null);

export function useConsoleNav(): ConsoleNav | null {
  return useContext(ConsoleNavContext);
}
