import type { ErrorBody } from '@mostrador/shared';
import { useAdminI18n, type AdminMessageKey } from './i18n/index.ts';

const FALLBACKS: Partial<Record<ErrorBody['code'], AdminMessageKey>> = {
  invalid_payload: 'common.invalid',
  conflict: 'common.conflict',
  not_found: 'common.notFound',
};

/**
 * The server's own message explains a rejected field or a duplicate, so it is
 * shown as is; a refused session or an unreachable server gets a sentence in
 * the agent's language instead.
 */
export function useErrorText(): (error: ErrorBody) => string {
  const { t } = useAdminI18n();
  return (error) => {
    if (error.code === 'forbidden') return t('common.forbidden');
    if (error.message.trim()) return error.message;
    return t(FALLBACKS[error.code] ?? 'common.unavailable');
  };
}

export function ErrorAlert({ error }: { error: ErrorBody | null }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <p class="form-error" role="alert">
      {text(error)}
    </p>
  );
}
