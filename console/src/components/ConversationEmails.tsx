import type { ConversationEmail, Result } from '@mostrador/shared';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import { formatFullTime } from './time.ts';

export type EmailsLoader = (conversationId: string) => Promise<Result<ConversationEmail[]>>;

interface ConversationEmailsProps {
  conversationId: string;
  /** Changes whenever the conversation does, so a new mail or a failure shows without a reload. */
  revision: number;
  load: EmailsLoader;
}

/**
 * The mail sent to the customer about this conversation: replies they were
 * away for, and transcripts. A mail that could not be delivered, or bounced,
 * says so with the server's reason. Nothing shows while there is none.
 */
export function ConversationEmails({ conversationId, revision, load }: ConversationEmailsProps) {
  const { t, language } = useI18n();
  const [emails, setEmails] = useState<ConversationEmail[] | 'failed'>([]);

  useEffect(() => {
    let cancelled = false;
    void load(conversationId).then((result) => {
      if (!cancelled) setEmails(result.ok ? result.data : 'failed');
    });
    return () => {
      cancelled = true;
    };
  }, [conversationId, revision, load]);

  if (emails === 'failed') return <p class="conversation-emails form-error">{t('emails.loadFailed')}</p>;
  if (emails.length === 0) return null;
  const headingId = `emails-${conversationId}`;
  return (
    <section class="conversation-emails" aria-labelledby={headingId} data-part="conversation-emails">
      <h3 id={headingId}>{t('emails.heading')}</h3>
      <ul>
        {emails.map((mail) => {
          const trouble = mail.status === 'failed' || mail.status === 'bounced';
          return (
            <li key={mail.id} data-status={mail.status} class={trouble ? 'email-trouble' : undefined}>
              {t('emails.line', {
                kind: t(`emails.kind.${mail.kind}`),
                to: mail.to,
                when: formatFullTime(mail.sentAt ?? mail.createdAt, language),
                status: t(`emails.status.${mail.status}`, { attempts: mail.attempts + 1 }),
              })}
              {mail.error && mail.status !== 'sent' && <span class="email-error"> — {mail.error}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
