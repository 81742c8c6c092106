import type { AgentConnection } from '../api/agentConnection.ts';
import type { ConsoleState } from './consoleState.ts';
import type { Store } from './store.ts';
import type { Me } from './views.ts';

/** What the inbox controller's parts share: the state, the socket and who is signed in. */
export interface ControllerContext {
  readonly store: Store<ConsoleState>;
  readonly connection: AgentConnection;
  readonly me: Me;
}
