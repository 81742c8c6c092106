import type { ErrorBody, SiteSettings } from '@mostrador/shared';
import { useId, useState } from 'preact/hooks';
import { formatFullTime, formatRelativeTime } from '../../components/time.ts';
import { adminApi } from '../api.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { useLoad } from '../useLoad.ts';

interface RefusedOriginsProps {
  /** The origin is allowed now; `settings` are the site's, as the server keeps them. */
  onAllowed: (origin: string, settings: SiteSettings) => void;
}

/**
 * Shop pages whose widget the server turned away lately, under the allowed
 * origins they are missing from: a merchant who pasted the tag on a new
 * domain sees it here, and allows it in one click. Nothing shows while the
 * list is empty (or could not be read: it is a hint, not a setting).
 */
export function RefusedOrigins({ onAllowed }: RefusedOriginsProps) {
  const { t, language } = useAdminI18n();
  const id = useId();
  const { state, update } = useLoad(adminApi.listRefusedOrigins);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [allowed, setAllowed] = useState<string | null>(null);

  async function allow(origin: string) {
    if (busy) return;
    setBusy(origin);
    setError(null);
    setAllowed(null);
    const result = await adminApi.allowOrigin(origin);
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    update((origins) => origins.filter((refused) => refused.origin !== origin));
    setAllowed(origin);
    onAllowed(origin, result.data);
  }

  const origins = state.phase === 'ready' ? state.data : [];
  const now = Date.now();
  return (
    <div class="refused-origins" data-part="refused-origins">
      {origins.length > 0 && (
        <>
          <div class="table-wrap">
            <table class="admin-table" aria-describedby={`${id}-hint`}>
              <caption>{t('site.refusedHeading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('site.refusedOrigin')}</th>
                  <th scope="col">{t('site.refusedLastSeen')}</th>
                  <th scope="col" class="numeric">
                    {t('site.refusedCount')}
                  </th>
                  <td />
                </tr>
              </thead>
              <tbody>
                {origins.map(({ origin, lastSeenAt, count }) => (
                  <tr key={origin} data-origin={origin}>
                    <th scope="row">
                      <code>{origin}</code>
                    </th>
                    <td>
                      <time dateTime={new Date(lastSeenAt).toISOString()} title={formatFullTime(lastSeenAt, language)}>
                        {formatRelativeTime(lastSeenAt, now, language)}
                      </time>
                    </td>
                    <td class="numeric">{count}</td>
                    <td>
                      <div class="row-actions">
                        <button
                          type="button"
                          class="button"
                          data-part="allow-origin"
                          aria-label={t('site.allowOrigin', { origin })}
                          disabled={busy !== null}
                          onClick={() => void allow(origin)}
                        >
                          {busy === origin ? t('site.allowing') : t('site.allow')}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="field-hint" id={`${id}-hint`}>
            {t('site.refusedHint')}
          </p>
        </>
      )}
      <ErrorAlert error={error} />
      <span class="admin-status" role="status">
        {allowed ? t('site.allowed', { origin: allowed }) : ''}
      </span>
    </div>
  );
}
