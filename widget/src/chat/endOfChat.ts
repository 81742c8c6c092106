import type { VisitorConversation, VisitorEvent } from '@mostrador/shared';
import { maskCardNumbers } from '@mostrador/shared/cardMask';
import { hasEnded } from '@mostrador/shared/feedback';
import type { Store } from '../util/store.ts';
import { TIMED_OUT, type VisitorTransport } from '../transport/visitorTransport.ts';
import type { ChatView, EarlierThread } from './chatView.ts';

/**
 * The end of a chat, on the visitor's side: the rating and NPS questions
 * of the conversation that just ended, and the earlier conversations kept
 * above the current one (one thread per shopper). Talks to the transport,
 * never to the DOM.
 */
export function createEndOfChat(transport: VisitorTransport, view: Store<ChatView>) {
  const patch = (change: Partial<ChatView>) => view.update((current) => ({ ...current, ...change }));
  const withThread = (threads: readonly EarlierThread[], thread: EarlierThread) =>
    [...threads.filter((t) => t.id !== thread.id), thread].sort((a, b) => a.createdAt - b.createdAt);

  /** After the rating (given or skipped): the NPS question, if the site asks it now. */
  const afterRating = (rating: 'thanks' | null) => {
    const { ending, feedback } = view.get();
    if (ending) patch({ ending: { ...ending, rating, nps: feedback?.nps ? 'ask' : null } });
  };

  return {
    /** The conversation shown here ended (live): ask what the site asks. */
    ended(conversation: VisitorConversation): void {
      const { feedback, ending } = view.get();
      if (!hasEnded(conversation.status) || ending?.conversationId === conversation.id) return;
      if (!feedback?.rating && !feedback?.nps) return;
      patch({ ending: { conversationId: conversation.id, rating: feedback.rating ? 'ask' : null, nps: feedback.rating ? null : 'ask' } });
    },

    /** A newer conversation takes the current one's place: the older stays visible above it. */
    keep(conversation: VisitorConversation | null, events: readonly VisitorEvent[]): void {
      if (!conversation || events.length === 0) return;
      const thread = { id: conversation.id, createdAt: conversation.createdAt, events };
      patch({ earlier: withThread(view.get().earlier ?? [], thread), ending: null });
    },

    async rate(score: number, comment: string): Promise<void> {
      const { ending } = view.get();
      if (ending?.rating !== 'ask') return;
      patch({ ending: { ...ending, rating: 'sending' } });
      // Card numbers never leave the page, in a comment as in a message.
      const trimmed = maskCardNumbers(comment.trim());
      const outcome = await transport.request('rating:submit', {
        conversationId: ending.conversationId,
        score,
        ...(trimmed ? { comment: trimmed } : {}),
      });
      // Rated already (in another tab) or refused: the question goes either way; only a timeout lets it be asked again.
      if (outcome === TIMED_OUT) patch({ ending: { ...ending, rating: 'ask' } });
      else afterRating(outcome.ok ? 'thanks' : null);
    },

    skipRating(): void {
      afterRating(null);
    },

    async answerNps(score: number): Promise<void> {
      const { ending, feedback } = view.get();
      if (ending?.nps !== 'ask') return;
      patch({ ending: { ...ending, nps: 'sending' } });
      const outcome = await transport.request('nps:submit', { score });
      if (outcome === TIMED_OUT) return patch({ ending: { ...ending, nps: 'ask' } });
      patch({ ending: { ...ending, nps: outcome.ok ? 'thanks' : null }, ...(feedback ? { feedback: { ...feedback, nps: false } } : {}) });
    },

    skipNps(): void {
      const { ending, feedback } = view.get();
      if (ending) patch({ ending: { ...ending, nps: null }, ...(feedback ? { feedback: { ...feedback, nps: false } } : {}) });
    },

    /** The next few earlier conversations, with their messages (the visitor's own, never notes: the server's rule). */
    async loadEarlier(): Promise<void> {
      const { earlier = [], conversation } = view.get();
      const oldest = Math.min(earlier[0]?.createdAt ?? Infinity, conversation?.createdAt ?? Infinity);
      const listed = await transport.request('conversation:earlier', Number.isFinite(oldest) ? { before: oldest } : {});
      if (listed === TIMED_OUT || !listed.ok) return;
      let threads = view.get().earlier ?? [];
      for (const { id, createdAt } of listed.data.conversations) {
        const page = await transport.request('conversation:sync', { conversationId: id, afterSeq: 0 });
        if (page === TIMED_OUT || !page.ok) return;
        threads = withThread(threads, { id, createdAt, events: page.data.events });
      }
      patch({ earlier: threads, earlierMore: listed.data.hasMore });
    },
  };
}

export type EndOfChat = ReturnType<typeof createEndOfChat>;
