import type { ErrorBody, SiteSettings } from '@mostrador/shared';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { Dialog } from '../../components/Dialog.tsx';
import { adminApi } from '../api.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { useAdminI18n } from '../i18n/index.ts';

type Status = 'idle' | 'copied' | 'manual' | 'rotated';

interface IdentitySecretProps {
  secret: string;
  onRotated: (settings: SiteSettings) => void;
}

/**
 * The key the shop's server signs customer ids with. Masked until asked
 * for (screens get shared), copied without showing it, and rotated only
 * after a confirmation, since rotating breaks every signature in use.
 */
export function IdentitySecret({ secret, onRotated }: IdentitySecretProps) {
  const { t } = useAdminI18n();
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [revealed, setRevealed] = useState(false);
  const [status, setStatus] = useState<Status>('idle');
  const [confirming, setConfirming] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);

  // Browsers refuse to copy out of a masked field, so the fallback selects the shown text.
  useEffect(() => {
    if (status !== 'manual') return;
    field.current?.focus();
    field.current?.select();
  }, [status]);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(secret);
      setStatus('copied');
    } catch {
      setRevealed(true);
      setStatus('manual');
    }
  }

  async function rotate() {
    setConfirming(false);
    if (rotating) return;
    setRotating(true);
    setError(null);
    const result = await adminApi.rotateIdentitySecret();
    setRotating(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setStatus('rotated');
    onRotated(result.data);
  }

  const statusText =
    status === 'copied'
      ? t('site.secretCopied')
      : status === 'manual'
        ? t('site.secretCopyManually')
        : status === 'rotated'
          ? t('site.rotated')
          : '';

  return (
    <section class="admin-card" aria-labelledby={`${id}-heading`} data-part="identity-secret">
      <h3 id={`${id}-heading`}>{t('site.identityHeading')}</h3>
      <p class="field-hint" id={`${id}-hint`}>
        {t('site.identityHint')}
      </p>
      <div class="field">
        <label for={id}>{t('site.identitySecretLabel')}</label>
        <div class="secret-row">
          <input
            ref={field}
            id={id}
            class="secret-field"
            data-part="secret"
            type={revealed ? 'text' : 'password'}
            readOnly
            autoComplete="off"
            spellcheck={false}
            aria-describedby={`${id}-hint`}
            value={secret}
          />
          <button type="button" class="button" data-part="reveal-secret" onClick={() => setRevealed(!revealed)}>
            {revealed ? t('site.hideSecret') : t('site.showSecret')}
          </button>
          <button type="button" class="button" data-part="copy-secret" onClick={() => void copy()}>
            {t('site.copySecret')}
          </button>
        </div>
      </div>
      <ErrorAlert error={error} />
      <div class="form-actions">
        {/* Not disabled while rotating: the dialog hands focus back to this button as it closes. */}
        <button
          type="button"
          class="button danger"
          data-part="rotate-secret"
          aria-disabled={rotating}
          onClick={() => !rotating && setConfirming(true)}
        >
          {rotating ? t('site.rotating') : t('site.rotate')}
        </button>
        <span class="admin-status" role="status">
          {statusText}
        </span>
      </div>
      {confirming && (
        <div class="dialog-backdrop">
          <Dialog
            title={t('site.rotateTitle')}
            part="rotate-dialog"
            submitLabel={t('site.rotateConfirm')}
            canSubmit
            onSubmit={() => void rotate()}
            onCancel={() => setConfirming(false)}
          >
            <p class="dialog-note">{t('site.rotateWarning')}</p>
          </Dialog>
        </div>
      )}
    </section>
  );
}
