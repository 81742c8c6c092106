import { useState } from 'preact/hooks';
import { TextField } from '../admin/TextField.tsx';
import { useSubmit } from '../components/useSubmit.ts';
import { useI18n } from '../i18n/context.ts';
import type { MessageKey } from '../i18n/index.ts';
import { accountApi } from './api.ts';
import { FailureLine } from './messages.tsx';

/** Turning two-step sign-in off asks for the password, so an unattended console cannot weaken the account. */
export function TwoFactorOff({ onDisabled }: { onDisabled: () => void }) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const { submitting, failure, submit } = useSubmit<MessageKey>(async () => {
    const result = await accountApi.disableTwoFactor(password);
    if (result.ok) {
      setPassword('');
      onDisabled();
      return null;
    }
    return result.error.code === 'forbidden' ? 'account.wrongPassword' : 'account.failed';
  });

  return (
    <form class="admin-form" data-part="two-factor-off" onSubmit={submit} noValidate>
      <TextField
        label={t('account.twoFactorDisablePassword')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onValue={setPassword}
      />
      <FailureLine text={failure && t(failure)} />
      <div class="form-actions">
        <button type="submit" class="button danger" disabled={submitting}>
          {t('account.twoFactorDisable')}
        </button>
      </div>
    </form>
  );
}
