import { useI18n } from '../i18n/context.ts';

/** A section's placeholder until its data is in: a status line, or the failure with a retry. */
export function SectionLoad({ failed, onRetry }: { failed: boolean; onRetry: () => void }) {
  const { t } = useI18n();
  if (!failed) {
    return (
      <p class="admin-note" role="status">
        {t('app.loading')}
      </p>
    );
  }
  return (
    <div class="admin-note">
      <p class="form-error" role="alert">
        {t('account.loadFailed')}
      </p>
      <button type="button" class="button" onClick={onRetry}>
        {t('account.retry')}
      </button>
    </div>
  );
}
