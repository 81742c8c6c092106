import type { CannedReply } from '@mostrador/shared';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import { cannedApi } from './cannedApi.ts';
import { CannedMarks } from './CannedMarks.tsx';

interface SuggestedRepliesProps {
  conversationId: string;
  /** The seq of the visitor's last message: suggestions reload when it changes, never per keystroke. */
  visitorSeq: number | null;
  onPick: (reply: CannedReply) => void;
  load?: typeof cannedApi.suggestions;
}

/** A row of up to three buttons above the composer; hidden when there is nothing to suggest. */
export function SuggestedReplies({ conversationId, visitorSeq, onPick, load = cannedApi.suggestions }: SuggestedRepliesProps) {
  const { t } = useI18n();
  const [replies, setReplies] = useState<readonly CannedReply[]>([]);
  useEffect(() => {
    let cancelled = false;
    setReplies([]);
    if (visitorSeq === null) return;
    void load(conversationId).then((result) => {
      if (!cancelled && result.ok) setReplies(result.data.replies);
    });
    return () => {
      cancelled = true;
    };
  }, [conversationId, visitorSeq]);

  if (replies.length === 0) return null;
  return (
    <div class="canned-suggestions" role="group" aria-label={t('canned.suggested')} data-part="canned-suggestions">
      <span class="canned-suggestions-label" aria-hidden="true">
        {t('canned.suggested')}
      </span>
      {replies.map((reply) => (
        <button key={reply.id} type="button" class="button canned-suggestion" onClick={() => onPick(reply)}>
          <span class="canned-shortcut">/{reply.shortcut}</span> {reply.title}
          <CannedMarks reply={reply} />
        </button>
      ))}
    </div>
  );
}
