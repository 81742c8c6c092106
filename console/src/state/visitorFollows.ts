import type { VisitorProfile } from '@mostrador/shared';
import { without, type ConsoleState } from './consoleState.ts';
import type { ControllerContext } from './controllerContext.ts';

/** The visitors behind the open panes; a visitor with two chats open is followed once. */
export function visitorsOfPanes(state: Pick<ConsoleState, 'panes' | 'conversations'>): Set<string> {
  return new Set(state.panes.open.flatMap((id) => state.conversations[id]?.visitorId ?? []));
}

/**
 * Keeps the side panels' visitor profiles: follows the visitor of each open
 * pane (once its summary is known), unfollows when their last pane closes,
 * applies `visitor:changed` facts, and follows everyone again after a
 * reconnect, because the server forgets follows with the socket.
 */
export class VisitorFollows {
  private readonly followed = new Set<string>();

  constructor(private readonly context: ControllerContext) {}

  /** Called on every store change: cheap, as there are at most a few panes. */
  track(): void {
    const { store, connection } = this.context;
    const wanted = visitorsOfPanes(store.get());
    for (const visitorId of wanted) {
      if (this.followed.has(visitorId)) continue;
      this.followed.add(visitorId);
      void this.follow(visitorId);
    }
    for (const visitorId of [...this.followed]) {
      if (wanted.has(visitorId)) continue;
      this.followed.delete(visitorId);
      store.update((state) => ({ ...state, visitors: without(state.visitors, visitorId) }));
      // While disconnected there is nothing to undo: the server already forgot.
      if (connection.connected) void connection.request('visitor:unfollow', { visitorId });
    }
  }

  followAgain(): Promise<void> {
    return Promise.all([...this.followed].map((visitorId) => this.follow(visitorId))).then(() => undefined);
  }

  retry(visitorId: string): void {
    if (this.followed.has(visitorId)) void this.follow(visitorId);
  }

  applyProfile(profile: VisitorProfile): void {
    if (!this.followed.has(profile.id)) return;
    this.context.store.update((state) => ({
      ...state,
      visitors: { ...state.visitors, [profile.id]: { phase: 'ready', profile } },
    }));
  }

  private async follow(visitorId: string): Promise<void> {
    const { store, connection } = this.context;
    // A profile already on screen stays there while it is refreshed.
    if (store.get().visitors[visitorId]?.phase !== 'ready') {
      store.update((state) => ({ ...state, visitors: { ...state.visitors, [visitorId]: { phase: 'loading' } } }));
    }
    if (!connection.connected) return;
    const result = await connection.request('visitor:follow', { visitorId });
    if (result.ok) {
      this.applyProfile(result.data);
      return;
    }
    // Without a connection the follow is repeated on the next connect.
    if (result.error.code === 'disconnected' || !this.followed.has(visitorId)) return;
    store.update((state) =>
      state.visitors[visitorId]?.phase === 'ready'
        ? state
        : { ...state, visitors: { ...state.visitors, [visitorId]: { phase: 'failed' } } },
    );
  }
}
