import type { LiveVisitor } from '@mostrador/shared';
import { MAX_MESSAGE_CHARS } from '@mostrador/shared/limits';
import { useId, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { StartChatFailure, StartChatOutcome } from '../../state/startChat.ts';
import { Dialog } from '../Dialog.tsx';

const FAILURES: Readonly<Record<StartChatFailure, MessageKey>> = {
  already_chatting: 'startChat.alreadyChatting',
  visitor_offline: 'startChat.visitorOffline',
  disconnected: 'startChat.disconnected',
  failed: 'startChat.failed',
};

interface StartChatDialogProps {
  visitor: LiveVisitor;
  /** Resolves once the server has answered; on success the page moves on to the new chat. */
  onSend: (body: string) => Promise<StartChatOutcome>;
  onCancel: () => void;
}

/** The agent's first message to a visitor who has not written: it opens the chat on the visitor's page. */
export function StartChatDialog({ visitor, onSend, onCancel }: StartChatDialogProps) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<StartChatFailure | null>(null);
  const hintId = useId();
  const name = visitor.identity.name ?? visitor.identity.email ?? visitor.label;

  async function send() {
    setSending(true);
    setFailure(null);
    const outcome = await onSend(body.trim());
    if (outcome.ok) return;
    setSending(false);
    setFailure(outcome.reason);
  }

  return (
    <div class="dialog-backdrop">
      <Dialog
        title={t('startChat.title', { name })}
        part="start-chat-dialog"
        submitLabel={sending ? t('startChat.sending') : t('startChat.submit')}
        canSubmit={!sending && body.trim() !== ''}
        onSubmit={() => void send()}
        onCancel={onCancel}
        headingLevel={2}
      >
        <label class="field">
          <span>{t('startChat.message')}</span>
          <textarea
            name="opening-message"
            rows={4}
            maxLength={MAX_MESSAGE_CHARS}
            aria-describedby={hintId}
            value={body}
            onInput={(event) => setBody(event.currentTarget.value)}
          />
        </label>
        <p class="dialog-note" id={hintId}>
          {t('startChat.hint')}
        </p>
        {failure && (
          <p class="inline-error" role="alert" data-part="start-error" data-reason={failure}>
            {t(FAILURES[failure])}
          </p>
        )}
      </Dialog>
    </div>
  );
}
