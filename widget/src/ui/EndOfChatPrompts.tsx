import type { ChatView } from '../chat/chatView.ts';
import type { EndOfChat } from '../chat/endOfChat.ts';
import { NpsPrompt } from './NpsPrompt.tsx';
import { RatingPrompt } from './RatingPrompt.tsx';

/** The questions at the end of a chat, one after the other: the rating, then (now and then) the NPS. */
export function EndOfChatPrompts({ view, endOfChat }: { view: ChatView; endOfChat: EndOfChat }) {
  const { ending } = view;
  if (!ending) return null;
  return (
    <div class="end-of-chat" key={ending.conversationId}>
      {ending.rating && (
        <RatingPrompt
          step={ending.rating}
          onRate={(score, comment) => void endOfChat.rate(score, comment)}
          onSkip={() => endOfChat.skipRating()}
        />
      )}
      {ending.nps && (
        <NpsPrompt
          step={ending.nps}
          shop={view.siteName ?? ''}
          onAnswer={(score) => void endOfChat.answerNps(score)}
          onSkip={() => endOfChat.skipNps()}
        />
      )}
    </div>
  );
}
