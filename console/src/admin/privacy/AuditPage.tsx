import type { AgentSummary, AuditEntry, AuditPage as AuditPageBody, ErrorBody, Result } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { formatFullTime } from '../../components/time.ts';
import { adminApi } from '../api.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { useAdminI18n, type AdminTranslate } from '../i18n/index.ts';
import { LoadState } from '../LoadState.tsx';
import { useLoad } from '../useLoad.ts';

interface AuditView {
  entries: AuditEntry[];
  nextBefore: number | null;
  agents: AgentSummary[];
}

async function loadFirstPage(): Promise<Result<AuditView>> {
  const [page, agents] = await Promise.all([adminApi.auditLog(), adminApi.listAgents()]);
  if (!page.ok) return page;
  return { ok: true, data: { ...page.data, agents: agents.ok ? agents.data : [] } };
}

function describeTarget(entry: AuditEntry, t: AdminTranslate): string {
  const kind = t(`privacy.target.${entry.targetType}`);
  const fields = entry.details.fields;
  const suffix = Array.isArray(fields) && fields.length > 0 ? ` (${t('privacy.fields', { fields: fields.join(', ') })})` : '';
  return `${kind} ${entry.targetId ?? t('privacy.erasedTarget')}${suffix}`;
}

/** The audit log: admin actions, newest first, with older pages on request. */
export function AuditPage() {
  const { t, language } = useAdminI18n();
  const { state, reload, update } = useLoad(loadFirstPage);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<ErrorBody | null>(null);

  async function showOlder(before: number) {
    setLoadingOlder(true);
    setOlderError(null);
    const page: Result<AuditPageBody> = await adminApi.auditLog(before);
    setLoadingOlder(false);
    if (!page.ok) {
      setOlderError(page.error);
      return;
    }
    update((view) => ({ ...view, entries: [...view.entries, ...page.data.entries], nextBefore: page.data.nextBefore }));
  }

  const actorName = (view: AuditView, actorId: string | null) =>
    actorId === null ? t('privacy.system') : (view.agents.find((a) => a.id === actorId)?.name ?? t('privacy.formerAgent'));

  return (
    <div class="admin-page" data-part="audit-log">
      <h2 id="audit-heading">{t('privacy.heading')}</h2>
      <p class="admin-note">{t('privacy.intro')}</p>
      {state.phase !== 'ready' ? (
        <LoadState error={state.phase === 'failed' ? state.error : null} onRetry={reload} />
      ) : state.data.entries.length === 0 ? (
        <p class="admin-note">{t('privacy.empty')}</p>
      ) : (
        <>
          <div class="table-wrap">
            <table class="admin-table" data-part="audit-table" aria-labelledby="audit-heading">
              <thead>
                <tr>
                  <th scope="col">{t('privacy.colWhen')}</th>
                  <th scope="col">{t('privacy.colWho')}</th>
                  <th scope="col">{t('privacy.colAction')}</th>
                  <th scope="col">{t('privacy.colTarget')}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.entries.map((entry) => (
                  <tr key={entry.id} data-action={entry.action}>
                    <td>{formatFullTime(entry.at, language)}</td>
                    <td>{actorName(state.data, entry.actorId)}</td>
                    <td>{t(`privacy.action.${entry.action}`)}</td>
                    <td>{describeTarget(entry, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ErrorAlert error={olderError} />
          {state.data.nextBefore !== null && (
            <div class="form-actions">
              <button
                type="button"
                class="button"
                data-part="older-entries"
                disabled={loadingOlder}
                onClick={() => state.data.nextBefore !== null && void showOlder(state.data.nextBefore)}
              >
                {loadingOlder ? t('privacy.loadingOlder') : t('privacy.older')}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
