import type { AgentSession } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { useLoad } from '../admin/useLoad.ts';
import { formatRelativeTime } from '../components/time.ts';
import { useI18n } from '../i18n/context.ts';
import { accountApi } from './api.ts';
import { FailureLine, StatusLine } from './messages.tsx';
import { deviceLabel } from './deviceLabel.ts';
import { SectionLoad } from './SectionLoad.tsx';

/** Where the agent is signed in, with a way to sign out any other session, or all of them. */
export function SessionsSection() {
  const { t, language } = useI18n();
  const { state, reload, update } = useLoad<AgentSession[]>(accountApi.listSessions);
  const [notice, setNotice] = useState('');
  const [failed, setFailed] = useState(false);
  const now = Date.now();

  async function end(session: AgentSession) {
    setFailed(false);
    const result = await accountApi.endSession(session.id);
    if (!result.ok && result.error.code !== 'not_found') return setFailed(true);
    update((sessions) => sessions.filter((s) => s.id !== session.id));
    setNotice(t('account.sessionEnded'));
    // The list lost the focused button; the heading keeps keyboard users in the section.
    document.getElementById('account-sessions')?.focus();
  }

  async function endOthers() {
    setFailed(false);
    const result = await accountApi.endOtherSessions();
    if (!result.ok) return setFailed(true);
    update((sessions) => sessions.filter((s) => s.current));
    setNotice(t('account.othersEnded', { count: result.data.ended }));
  }

  return (
    <section class="account-section" aria-labelledby="account-sessions" data-part="account-sessions">
      <h2 id="account-sessions" tabIndex={-1}>
        {t('account.sessionsHeading')}
      </h2>
      <StatusLine text={notice} />
      <FailureLine text={failed ? t('account.failed') : null} />
      {state.phase !== 'ready' ? (
        <SectionLoad failed={state.phase === 'failed'} onRetry={reload} />
      ) : (
        <>
          <ul class="session-list" aria-label={t('account.sessionsLabel')}>
            {state.data.map((session) => {
              const device = deviceLabel(session.device, t);
              return (
                <li key={session.id} class="session" data-part="session" data-current={session.current}>
                  <div>
                    <strong>{device}</strong>
                    {session.current && <span class="badge">{t('account.thisDevice')}</span>}
                    <p class="field-hint">
                      {t('account.signedIn', { time: formatRelativeTime(session.createdAt, now, language) })} ·{' '}
                      {t('account.lastSeen', { time: formatRelativeTime(session.lastSeenAt, now, language) })}
                    </p>
                  </div>
                  {!session.current && (
                    <button
                      type="button"
                      class="button"
                      aria-label={t('account.endSessionOf', { device })}
                      onClick={() => void end(session)}
                    >
                      {t('account.endSession')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
          {state.data.some((s) => !s.current) && (
            <button type="button" class="button danger" data-part="end-others" onClick={() => void endOthers()}>
              {t('account.endOthers')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
