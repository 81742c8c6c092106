import type { ContactInfo } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { EmailField } from './EmailField.tsx';
import { t } from './translation.ts';

interface TranscriptOfferProps {
  /** The address the shop already has; without one, the form asks for it. */
  contact: ContactInfo | null;
  /** Sends the transcript; resolves to the address it went to, or null when it did not go. */
  onRequest(email?: string): Promise<string | null>;
}

type Phase = { step: 'idle' | 'asking' | 'sending' | 'failed' } | { step: 'sent'; email: string };

/**
 * At the end of a chat: "Email me this conversation". One button when the
 * shop knows the shopper's email, else the same button opens a field for it.
 */
export function TranscriptOffer({ contact, onRequest }: TranscriptOfferProps) {
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [email, setEmail] = useState('');

  async function send(address?: string) {
    setPhase({ step: 'sending' });
    const sentTo = await onRequest(address);
    setPhase(sentTo ? { step: 'sent', email: sentTo } : { step: 'failed' });
  }

  if (phase.step === 'sent') {
    return (
      <p class="contact" data-part="transcript-sent" role="status">
        {t('transcriptSent', { email: phase.email })}
      </p>
    );
  }
  const asking = !contact && phase.step !== 'idle';
  return (
    <form
      class="contact"
      data-part="transcript"
      onSubmit={(event) => {
        event.preventDefault();
        if (contact) void send();
        else if (phase.step === 'idle') setPhase({ step: 'asking' });
        else void send(email.trim());
      }}
    >
      {asking && <EmailField label={t('transcriptEmail')} value={email} onInput={setEmail} />}
      <button type="submit" disabled={phase.step === 'sending'}>
        {asking ? t('transcriptSend') : t('transcriptOffer')}
      </button>
      {phase.step === 'failed' && <p role="alert">{t('transcriptFailed')}</p>}
    </form>
  );
}
