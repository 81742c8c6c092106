import type { ErrorBody } from '@mostrador/shared';
import { useErrorText } from './ErrorAlert.tsx';
import { useAdminI18n } from './i18n/index.ts';

/** What a page shows until its data is in: a status line, or the failure with a way to retry. */
export function LoadState({ error, onRetry }: { error: ErrorBody | null; onRetry: () => void }) {
  const { t } = useAdminI18n();
  const text = useErrorText();
  if (!error) {
    return (
      <p class="admin-note" role="status">
        {t('common.loading')}
      </p>
    );
  }
  return (
    <div class="admin-note">
      <p class="form-error" role="alert">
        {t('common.loadFailed')} {text(error)}
      </p>
      <button type="button" class="button" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
