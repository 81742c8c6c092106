import { formatFullTime } from '../../components/time.ts';
import { adminApi } from '../api.ts';
import { useAdminI18n } from '../i18n/index.ts';
import { LoadState } from '../LoadState.tsx';
import { useLoad } from '../useLoad.ts';

/**
 * The demo's local mailbox: with no SMTP server, mail to customers stays
 * here. Each mail shows its plain-text part as text; the HTML part is
 * offered as its source in a <pre>, never rendered, so nothing in it runs
 * or loads, and the console's CSP needs no exception.
 */
export function MailboxPage() {
  const { t, language } = useAdminI18n();
  const { state, reload } = useLoad(adminApi.mailbox);

  return (
    <div class="admin-page" data-part="mailbox">
      <h2 id="mailbox-heading">{t('mailbox.heading')}</h2>
      {state.phase !== 'ready' ? (
        <LoadState error={state.phase === 'failed' ? state.error : null} onRetry={reload} />
      ) : state.data.transport === 'smtp' ? (
        <p class="admin-note">{t('mailbox.smtp')}</p>
      ) : (
        <>
          <p class="admin-note">{t('mailbox.intro')}</p>
          {state.data.mails.length === 0 ? (
            <p class="admin-note">{t('mailbox.empty')}</p>
          ) : (
            <ul class="mailbox-list" aria-labelledby="mailbox-heading">
              {state.data.mails.map((mail) => (
                <li key={mail.id} class="mailbox-mail" data-mail-id={mail.id}>
                  <article aria-labelledby={`mail-${mail.id}`}>
                    <h3 id={`mail-${mail.id}`}>{mail.subject}</h3>
                    <dl class="mailbox-headers">
                      <dt>{t('mailbox.to')}</dt>
                      <dd>{mail.to}</dd>
                      <dt>{t('mailbox.from')}</dt>
                      <dd>{mail.from}</dd>
                      {mail.replyTo && (
                        <>
                          <dt>{t('mailbox.replyTo')}</dt>
                          <dd>{mail.replyTo}</dd>
                        </>
                      )}
                      <dt>{t('mailbox.sent')}</dt>
                      <dd>{formatFullTime(mail.sentAt, language)}</dd>
                    </dl>
                    <pre class="mailbox-text">{mail.text}</pre>
                    <details>
                      <summary>{t('mailbox.html')}</summary>
                      <pre class="mailbox-html">{mail.html}</pre>
                    </details>
                  </article>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
