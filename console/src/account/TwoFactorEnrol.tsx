import type { TwoFactorEnrolment } from '@mostrador/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { TextField } from '../admin/TextField.tsx';
import { useSubmit } from '../components/useSubmit.ts';
import { useI18n } from '../i18n/context.ts';
import type { MessageKey } from '../i18n/index.ts';
import { accountApi } from './api.ts';
import { FailureLine } from './messages.tsx';
import { QrCode } from './QrCode.tsx';

interface TwoFactorEnrolProps {
  enrolment: TwoFactorEnrolment;
  onConfirmed: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}

/** Scan (or type) the key, then prove it with the app's current code; nothing changes before that. */
export function TwoFactorEnrol({ enrolment, onConfirmed, onCancel }: TwoFactorEnrolProps) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  // The key is on screen: the next thing to do is type the app's code.
  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input[name="code"]')?.focus();
  }, []);
  const { submitting, failure, submit } = useSubmit<MessageKey>(async () => {
    const result = await accountApi.confirmTwoFactor(code.replace(/\s/g, ''));
    if (result.ok) {
      onConfirmed(result.data.recoveryCodes);
      return null;
    }
    if (result.error.code === 'invalid_payload') return 'account.twoFactorWrongCode';
    if (result.error.code === 'conflict') return 'account.twoFactorExpired';
    return 'account.failed';
  });

  return (
    <form ref={formRef} class="admin-form" data-part="two-factor-enrol" onSubmit={submit} noValidate>
      <p>{t('account.twoFactorScan')}</p>
      <QrCode text={enrolment.uri} label={t('account.twoFactorQr')} />
      <p>
        {t('account.twoFactorKey')}: <code class="totp-key">{enrolment.secret}</code>
      </p>
      <TextField
        label={t('account.twoFactorCode')}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        required
        value={code}
        onValue={setCode}
      />
      <FailureLine text={failure && t(failure)} />
      <div class="form-actions">
        <button type="submit" class="button primary" disabled={submitting}>
          {t('account.twoFactorConfirm')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('account.twoFactorCancel')}
        </button>
      </div>
    </form>
  );
}
