import { useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import { useAdminI18n } from '../i18n/index.ts';
import { LoadState } from '../LoadState.tsx';
import { useLoad } from '../useLoad.ts';
import { DepartmentRow } from './DepartmentRow.tsx';
import { NewDepartmentForm } from './NewDepartmentForm.tsx';
import { ROUTING_TEXT } from './RoutingChoice.tsx';

export function DepartmentsPage() {
  const { t } = useAdminI18n();
  const { state, reload, update } = useLoad(adminApi.listDepartments);
  const [notice, setNotice] = useState('');

  return (
    <div class="admin-page">
      <h2>{t('departments.heading')}</h2>
      {state.phase !== 'ready' ? (
        <LoadState error={state.phase === 'failed' ? state.error : null} onRetry={reload} />
      ) : (
        <>
          <p class="admin-status" role="status">
            {notice}
          </p>
          {state.data.length === 0 ? (
            <p class="admin-note">{t('departments.empty')}</p>
          ) : (
            <div class="table-wrap">
              <table class="admin-table" data-part="departments-table">
                <thead>
                  <tr>
                    <th scope="col">{t('departments.colName')}</th>
                    <th scope="col">{t('departments.colSlug')}</th>
                    <th scope="col">{t('departments.colRouting')}</th>
                    <th scope="col">
                      <span class="visually-hidden">{t('departments.colActions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {state.data.map((department) => (
                    <DepartmentRow
                      key={department.id}
                      department={department}
                      onSaved={(saved, change) => {
                        update((list) => list.map((other) => (other.id === saved.id ? saved : other)));
                        setNotice(
                          change === 'renamed'
                            ? t('departments.renamed', { name: saved.name })
                            : t('departments.switched', {
                                name: saved.name,
                                routing: t(ROUTING_TEXT[saved.routing].label).toLocaleLowerCase(),
                              }),
                        );
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <NewDepartmentForm
            onCreated={(department) => {
              update((list) => [...list, department]);
              setNotice(t('departments.added', { name: department.name }));
            }}
          />
        </>
      )}
    </div>
  );
}
