import type { ChatView } from '../chat/chatView.ts';
import { AgentAvatar } from './AgentAvatar.tsx';
import { waitText } from './QueueBanner.tsx';
import { t } from './translation.ts';

/**
 * Under the title before anyone is in the chat: the pictures (else initials) of the agents
 * online (when the merchant shows the team), and how soon the team usually
 * answers, from real recent chats. Either part is left out when the server
 * has nothing true to say: nobody online, or too few chats to tell.
 */
export function TeamLine({ view }: { view: ChatView }) {
  const team = view.onlineAgents?.any ? (view.onlineAgents.team ?? []) : [];
  const pictures = view.onlineAgents?.pictures;
  const seconds = view.branding?.replySeconds;
  if (team.length === 0 && seconds == null) return null;
  return (
    <p class="agents team" data-part="team">
      {team.length > 0 && (
        <span class="avatars" role="img" aria-label={t('teamOnline', { names: team.join(', ') })}>
          {team.map((name, i) => (
            <AgentAvatar key={i} picture={pictures?.[i]} initials={name.charAt(0).toUpperCase()} alt={name} />
          ))}
        </span>
      )}
      {seconds != null && <span data-part="reply-time">{t('replyTime', { when: waitText(seconds, t) })}</span>}
    </p>
  );
}
