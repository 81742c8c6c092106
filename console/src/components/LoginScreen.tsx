import type { AgentProfile } from '@mostrador/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { login, loginSecondStep, type LoginFailure, type LoginOutcome } from '../api/http.ts';
import { useI18n } from '../i18n/context.ts';
import type { MessageKey } from '../i18n/index.ts';
import { LanguageSelect } from './LanguageSelect.tsx';
import { useSubmit } from './useSubmit.ts';

const FAILURE_MESSAGES: Record<LoginFailure, MessageKey> = {
  invalid_credentials: 'login.invalidCredentials',
  invalid_input: 'login.invalidInput',
  unavailable: 'login.failed',
  invalid_code: 'login.invalidCode',
};

interface LoginScreenProps {
  /** True when the app got here because the server ended the session. */
  sessionEnded: boolean;
  onLoggedIn: (agent: AgentProfile) => void;
}

export function LoginScreen({ sessionEnded, onLoggedIn }: LoginScreenProps) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const codeInput = useRef<HTMLInputElement>(null);

  /** Either step ends here: an agent signs in, a challenge moves on to the code, a failure is shown. */
  function settle(outcome: LoginOutcome): LoginFailure | null {
    if (!outcome.ok) return outcome.reason;
    if ('challenge' in outcome) {
      setPassword('');
      setChallenge(outcome.challenge);
      return null;
    }
    onLoggedIn(outcome.agent);
    return null;
  }

  const { submitting, failure, submit } = useSubmit<LoginFailure>(async () =>
    challenge === null ? settle(await login(email.trim(), password)) : settle(await loginSecondStep(challenge, code.trim())),
  );

  useEffect(() => {
    if (challenge !== null) codeInput.current?.focus();
  }, [challenge]);

  return (
    <main class="login">
      <div class="login-card">
        <div class="login-top">
          <span class="brand">{t('app.name')}</span>
          <LanguageSelect />
        </div>
        <h1 id="login-title">{challenge === null ? t('login.title') : t('login.codeTitle')}</h1>
        {sessionEnded && failure === null && challenge === null && (
          <p class="notice" role="status">
            {t('login.sessionEnded')}
          </p>
        )}
        <form aria-labelledby="login-title" onSubmit={submit} noValidate>
          {challenge === null ? (
            <>
              <label class="field">
                <span>{t('login.email')}</span>
                <input
                  name="email"
                  type="email"
                  autoComplete="username"
                  required
                  value={email}
                  onInput={(event) => setEmail(event.currentTarget.value)}
                />
              </label>
              <label class="field">
                <span>{t('login.password')}</span>
                <input
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onInput={(event) => setPassword(event.currentTarget.value)}
                />
              </label>
            </>
          ) : (
            <>
              <p id="login-code-hint">{t('login.codeHint')}</p>
              <label class="field">
                <span>{t('login.code')}</span>
                <input
                  ref={codeInput}
                  name="code"
                  type="text"
                  autoComplete="one-time-code"
                  autoCapitalize="off"
                  spellcheck={false}
                  required
                  aria-describedby="login-code-hint"
                  value={code}
                  onInput={(event) => setCode(event.currentTarget.value)}
                />
              </label>
            </>
          )}
          {failure !== null && (
            <p class="form-error" role="alert">
              {t(FAILURE_MESSAGES[failure])}
            </p>
          )}
          <button type="submit" class="button primary" disabled={submitting}>
            {submitting ? t('login.submitting') : challenge === null ? t('login.submit') : t('login.codeSubmit')}
          </button>
          {challenge !== null && (
            <button
              type="button"
              class="button"
              onClick={() => {
                setChallenge(null);
                setCode('');
              }}
            >
              {t('login.codeBack')}
            </button>
          )}
        </form>
      </div>
    </main>
  );
}
