import type { AgentProfile } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { login, type LoginFailure } from '../api/http.ts';
import { useI18n } from '../i18n/context.ts';
import type { MessageKey } from '../i18n/index.ts';
import { LanguageSelect } from './LanguageSelect.tsx';
import { useSubmit } from './useSubmit.ts';

const FAILURE_MESSAGES: Record<LoginFailure, MessageKey> = {
  invalid_credentials: 'login.invalidCredentials',
  invalid_input: 'login.invalidInput',
  unavailable: 'login.failed',
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
  const { submitting, failure, submit } = useSubmit<LoginFailure>(async () => {
    const outcome = await login(email.trim(), password);
    if (!outcome.ok) return outcome.reason;
    onLoggedIn(outcome.agent);
    return null;
  });

  return (
    <main class="login">
      <div class="login-card">
        <div class="login-top">
          <span class="brand">{t('app.name')}</span>
          <LanguageSelect />
        </div>
        <h1 id="login-title">{t('login.title')}</h1>
        {sessionEnded && failure === null && (
          <p class="notice" role="status">
            {t('login.sessionEnded')}
          </p>
        )}
        <form aria-labelledby="login-title" onSubmit={submit} noValidate>
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
          {failure !== null && (
            <p class="form-error" role="alert">
              {t(FAILURE_MESSAGES[failure])}
            </p>
          )}
          <button type="submit" class="button primary" disabled={submitting}>
            {submitting ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}
