import type { TwoFactorEnrolment, TwoFactorStatus } from '@mostrador/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLoad } from '../admin/useLoad.ts';
import { useI18n } from '../i18n/context.ts';
import type { MessageKey } from '../i18n/index.ts';
import { accountApi } from './api.ts';
import { FailureLine, StatusLine } from './messages.tsx';
import { SectionLoad } from './SectionLoad.tsx';
import { TwoFactorEnrol } from './TwoFactorEnrol.tsx';
import { TwoFactorOff } from './TwoFactorOff.tsx';

type Step = { phase: 'idle' } | { phase: 'enrolling'; enrolment: TwoFactorEnrolment } | { phase: 'codes'; codes: string[] };

/**
 * Two-step sign-in: turned on by scanning a key and proving it with a code,
 * which yields recovery codes shown this once; turned off with the password.
 */
export function TwoFactorSection() {
  const { t } = useI18n();
  const { state, reload } = useLoad<TwoFactorStatus>(accountApi.twoFactorStatus);
  const [step, setStep] = useState<Step>({ phase: 'idle' });
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState<MessageKey | null>(null);
  const codesHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (step.phase === 'codes') codesHeading.current?.focus();
  }, [step.phase]);

  async function start() {
    setFailure(null);
    setNotice('');
    const result = await accountApi.beginTwoFactor();
    if (!result.ok) return setFailure('account.failed');
    setStep({ phase: 'enrolling', enrolment: result.data });
  }

  return (
    <section class="account-section" aria-labelledby="account-two-factor" data-part="account-two-factor">
      <h2 id="account-two-factor">{t('account.twoFactorHeading')}</h2>
      <StatusLine text={notice} />
      <FailureLine text={failure && t(failure)} />
      {state.phase !== 'ready' ? (
        <SectionLoad failed={state.phase === 'failed'} onRetry={reload} />
      ) : step.phase === 'enrolling' ? (
        <TwoFactorEnrol
          enrolment={step.enrolment}
          onConfirmed={(codes) => setStep({ phase: 'codes', codes })}
          onCancel={() => setStep({ phase: 'idle' })}
        />
      ) : step.phase === 'codes' ? (
        <div class="recovery-codes" data-part="recovery-codes">
          <h3 ref={codesHeading} tabIndex={-1}>
            {t('account.recoveryHeading')}
          </h3>
          <p>{t('account.recoveryHint')}</p>
          <ol>
            {step.codes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ol>
          <button
            type="button"
            class="button primary"
            onClick={() => {
              setStep({ phase: 'idle' });
              setNotice(t('account.twoFactorEnabled'));
              reload();
            }}
          >
            {t('account.recoveryDone')}
          </button>
        </div>
      ) : state.data.enabled ? (
        <>
          <p>{t('account.twoFactorOn', { count: state.data.recoveryCodesLeft })}</p>
          <TwoFactorOff
            onDisabled={() => {
              setNotice(t('account.twoFactorDisabled'));
              reload();
            }}
          />
        </>
      ) : (
        <>
          <p>{t('account.twoFactorOff')}</p>
          <button type="button" class="button primary" data-part="two-factor-start" onClick={() => void start()}>
            {t('account.twoFactorStart')}
          </button>
        </>
      )}
    </section>
  );
}
