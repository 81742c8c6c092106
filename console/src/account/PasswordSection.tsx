import { useState } from 'preact/hooks';
import { TextField } from '../admin/TextField.tsx';
import { MIN_PASSWORD } from '../admin/limits.ts';
import { useSubmit } from '../components/useSubmit.ts';
import { useI18n } from '../i18n/context.ts';
import type { MessageKey } from '../i18n/index.ts';
import { accountApi } from './api.ts';
import { FailureLine, StatusLine } from './messages.tsx';

const FAILURES: Record<'forbidden' | 'invalid' | 'other', MessageKey> = {
  forbidden: 'account.wrongPassword',
  invalid: 'account.passwordTooShort',
  other: 'account.failed',
};

/** A new password for the agent: every other session is signed out, this one stays. */
export function PasswordSection({ onChanged }: { onChanged: () => void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [notice, setNotice] = useState('');
  const { submitting, failure, submit } = useSubmit<keyof typeof FAILURES>(async () => {
    setNotice('');
    if (next.length < MIN_PASSWORD) return 'invalid';
    const result = await accountApi.changePassword(current, next);
    if (!result.ok) {
      return result.error.code === 'forbidden' ? 'forbidden' : result.error.code === 'invalid_payload' ? 'invalid' : 'other';
    }
    setCurrent('');
    setNext('');
    setNotice(t('account.passwordChanged', { count: result.data.ended }));
    onChanged();
    return null;
  });

  return (
    <section class="account-section" aria-labelledby="account-password" data-part="account-password">
      <h2 id="account-password">{t('account.passwordHeading')}</h2>
      <StatusLine text={notice} />
      <form class="admin-form" aria-labelledby="account-password" onSubmit={submit} noValidate>
        <TextField
          label={t('account.currentPassword')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onValue={setCurrent}
        />
        <TextField
          label={t('account.newPassword')}
          hint={t('account.newPasswordHint', { min: MIN_PASSWORD })}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSWORD}
          required
          value={next}
          onValue={setNext}
        />
        <FailureLine text={failure === null ? null : t(FAILURES[failure], { min: MIN_PASSWORD })} />
        <div class="form-actions">
          <button type="submit" class="button primary" disabled={submitting}>
            {submitting ? t('account.changingPassword') : t('account.changePassword')}
          </button>
        </div>
      </form>
    </section>
  );
}
