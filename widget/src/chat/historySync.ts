import type { VisitorConversation, VisitorEvent } from '@mostrador/shared';
import { TIMED_OUT, type VisitorTransport } from '../transport/visitorTransport.ts';
import { contiguousSeq } from './conversationLog.ts';

export interface HistorySyncDeps {
  transport: VisitorTransport;
  /** The conversation to sync while connected; null stops the sync. */
  conversationId(): string | null;
  events(): readonly VisitorEvent[];
  apply(events: readonly VisitorEvent[], conversation: VisitorConversation): void;
}

/**
 * Loads the log after the last contiguous seq held, page by page. One sync
 * runs at a time; asking during one runs it once more when it ends, so a gap
 * seen meanwhile is still filled.
 */
export function createHistorySync(deps: HistorySyncDeps): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;

  const syncPages = async () => {
    for (;;) {
      const conversationId = deps.conversationId();
      if (!conversationId) return;
      const afterSeq = contiguousSeq(deps.events());
      const outcome = await deps.transport.request('conversation:sync', { conversationId, afterSeq });
      if (outcome === TIMED_OUT || !outcome.ok || deps.conversationId() !== conversationId) return;
      deps.apply(outcome.data.events, outcome.data.conversation);
      // Stop if the server claims more but gave nothing new: never spin.
      if (!outcome.data.hasMore || contiguousSeq(deps.events()) <= afterSeq) return;
    }
  };

  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await syncPages();
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };
}
