import type { CannedReply } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import type { ProductSearch } from '../../api/productSearch.ts';
import { cannedApi } from '../../canned/cannedApi.ts';
import { adminApi } from '../api.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { LoadState } from '../LoadState.tsx';
import { useLoad } from '../useLoad.ts';
import { CannedForm } from './CannedForm.tsx';
import { CannedImport } from './CannedImport.tsx';
import type { ErrorBody } from '@mostrador/shared';

const loadPage = async () => {
  const [replies, departments] = await Promise.all([cannedApi.list(true), adminApi.listDepartments()]);
  if (!replies.ok) return replies;
  return { ok: true as const, data: { replies: replies.data.replies, departments: departments.ok ? departments.data : [] } };
};

/**
 * The team's replies and the admin's own: list, add, edit, delete, CSV in and out. `searchProducts`: the shop's
 * products, for a reply's product card.
 */
export function CannedRepliesPage({ searchProducts }: { searchProducts?: ProductSearch | undefined } = {}) {
  const { t } = useAdminI18n();
  const { state, reload, update } = useLoad(loadPage);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);

  const replace = (saved: CannedReply) =>
    update((data) => ({
      ...data,
      replies: [...data.replies.filter((r) => r.id !== saved.id), saved].sort((a, b) => a.shortcut.localeCompare(b.shortcut)),
    }));

  async function remove(reply: CannedReply) {
    const result = await cannedApi.remove(reply.id);
    if (!result.ok) return setError(result.error);
    setError(null);
    update((data) => ({ ...data, replies: data.replies.filter((r) => r.id !== reply.id) }));
    setNotice(t('canned.deleted', { shortcut: reply.shortcut }));
  }

  return (
    <div class="admin-page">
      <h2>{t('canned.heading')}</h2>
      <p class="admin-note">{t('canned.intro')}</p>
      {state.phase !== 'ready' ? (
        <LoadState error={state.phase === 'failed' ? state.error : null} onRetry={reload} />
      ) : (
        <>
          <p class="admin-status" role="status">
            {notice}
          </p>
          <ErrorAlert error={error} />
          {state.data.replies.length === 0 ? (
            <p class="admin-note">{t('canned.empty')}</p>
          ) : (
            <div class="table-wrap">
              <table class="admin-table" data-part="canned-table">
                <thead>
                  <tr>
                    <th scope="col">{t('canned.colShortcut')}</th>
                    <th scope="col">{t('canned.colTitle')}</th>
                    <th scope="col">{t('canned.colScope')}</th>
                    <th scope="col">{t('canned.colDepartment')}</th>
                    <th scope="col">
                      <span class="visually-hidden">{t('canned.colActions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {state.data.replies.map((reply) => (
                    <tr key={reply.id} data-canned-id={reply.id}>
                      <th scope="row">/{reply.shortcut}</th>
                      <td>{reply.title}</td>
                      <td>{t(reply.scope === 'shared' ? 'canned.scopeShared' : 'canned.scopePersonal')}</td>
                      <td>{state.data.departments.find((d) => d.id === reply.departmentId)?.name ?? t('canned.allDepartments')}</td>
                      <td class="row-actions">
                        <button
                          type="button"
                          class="button"
                          aria-label={t('canned.editLabel', { shortcut: reply.shortcut })}
                          onClick={() => setEditing(reply.id)}
                        >
                          {t('common.edit')}
                        </button>
                        <button
                          type="button"
                          class="button"
                          aria-label={t('canned.deleteLabel', { shortcut: reply.shortcut })}
                          onClick={() => void remove(reply)}
                        >
                          {t('canned.delete')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {editing && state.data.replies.some((r) => r.id === editing) && (
            <CannedForm
              key={editing}
              reply={state.data.replies.find((r) => r.id === editing)}
              departments={state.data.departments}
              searchProducts={searchProducts}
              onCancel={() => setEditing(null)}
              onSaved={(saved) => {
                replace(saved);
                setEditing(null);
                setNotice(t('canned.saved', { shortcut: saved.shortcut }));
              }}
            />
          )}
          <CannedForm
            departments={state.data.departments}
            searchProducts={searchProducts}
            onSaved={(saved) => {
              replace(saved);
              setNotice(t('canned.added', { shortcut: saved.shortcut }));
            }}
          />
          <CannedImport onImported={reload} />
        </>
      )}
    </div>
  );
}
