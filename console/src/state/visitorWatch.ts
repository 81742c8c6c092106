import type { AgentConnection } from '../api/agentConnection.ts';
import { applyVisitorsChanged, visitorsById, type VisitorsById } from './liveVisitors.ts';
import { createStore, type Store } from './store.ts';

export interface LiveVisitorsState {
  phase: 'loading' | 'ready' | 'failed';
  visitors: VisitorsById;
}

/**
 * The live visitor list while the page showing it is open: `visitors:watch`
 * gives the list, `visitors:changed` facts keep it current, and after a
 * reconnect the watch is repeated and its answer replaces the list, since
 * whatever changed during the gap was never told.
 */
export class VisitorWatch {
  readonly store: Store<LiveVisitorsState> = createStore<LiveVisitorsState>({ phase: 'loading', visitors: {} });
  private readonly unsubscribers: Array<() => void> = [];
  private watching = false;

  constructor(private readonly connection: AgentConnection) {}

  start(): void {
    if (this.watching) return;
    this.watching = true;
    this.unsubscribers.push(
      this.connection.on('visitors:changed', (change) =>
        this.store.update((state) => ({ ...state, visitors: applyVisitorsChanged(state.visitors, change) })),
      ),
      this.connection.onStatus((status) => {
        if (status === 'connected') void this.watch();
      }),
    );
    if (this.connection.connected) void this.watch();
  }

  stop(): void {
    if (!this.watching) return;
    this.watching = false;
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    if (this.connection.connected) void this.connection.request('visitors:unwatch', {});
  }

  retry(): void {
    this.store.update((state) => (state.phase === 'failed' ? { ...state, phase: 'loading' } : state));
    void this.watch();
  }

  private async watch(): Promise<void> {
    const result = await this.connection.request('visitors:watch', {});
    if (!this.watching) return;
    if (result.ok) {
      this.store.update(() => ({ phase: 'ready', visitors: visitorsById(result.data.visitors) }));
    } else if (result.error.code !== 'disconnected') {
      // A list already shown stays (it may be a little stale) rather than vanish behind an error.
      this.store.update((state) => (state.phase === 'ready' ? state : { ...state, phase: 'failed' }));
    }
  }
}
