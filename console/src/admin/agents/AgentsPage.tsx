import type { AgentSummary, Department } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import { useAdminI18n } from '../i18n/index.ts';
import { LoadState } from '../LoadState.tsx';
import { useLoad } from '../useLoad.ts';
import { AgentRow } from './AgentRow.tsx';
import { NewAgentForm } from './NewAgentForm.tsx';

interface AgentsData {
  agents: AgentSummary[];
  departments: Department[];
}

/** Both lists are needed: departments name the agents' memberships and fill the checkboxes. */
async function loadAgentsPage() {
  const [agents, departments] = await Promise.all([adminApi.listAgents(), adminApi.listDepartments()]);
  if (!agents.ok) return agents;
  if (!departments.ok) return departments;
  return { ok: true as const, data: { agents: agents.data, departments: departments.data } };
}

export function AgentsPage() {
  const { t } = useAdminI18n();
  const { state, reload, update } = useLoad<AgentsData>(loadAgentsPage);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  function replaceAgent(agent: AgentSummary) {
    update((data) => ({ ...data, agents: data.agents.map((other) => (other.id === agent.id ? agent : other)) }));
  }

  return (
    <div class="admin-page">
      <h2>{t('agents.heading')}</h2>
      {state.phase !== 'ready' ? (
        <LoadState error={state.phase === 'failed' ? state.error : null} onRetry={reload} />
      ) : (
        <>
          <p class="admin-status" role="status">
            {notice}
          </p>
          {state.data.agents.length === 0 ? (
            <p class="admin-note">{t('agents.empty')}</p>
          ) : (
            <div class="table-wrap">
              <table class="admin-table" data-part="agents-table">
                <thead>
                  <tr>
                    <th scope="col">{t('agents.colName')}</th>
                    <th scope="col">{t('agents.colEmail')}</th>
                    <th scope="col">{t('agents.colRole')}</th>
                    <th scope="col">{t('agents.colStatus')}</th>
                    <th scope="col">{t('agents.colLoad')}</th>
                    <th scope="col">{t('agents.colDepartments')}</th>
                    <th scope="col">
                      <span class="visually-hidden">{t('agents.colActions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {state.data.agents.map((agent) => (
                    <AgentRow
                      key={agent.id}
                      agent={agent}
                      departments={state.data.departments}
                      editing={editingId === agent.id}
                      onEdit={() => setEditingId(agent.id)}
                      onCancel={() => setEditingId(null)}
                      onPictureChanged={replaceAgent}
                      onSaved={(saved) => {
                        replaceAgent(saved);
                        setEditingId(null);
                        const notice =
                          saved.active === agent.active ? 'agents.updated' : saved.active ? 'agents.reactivated' : 'agents.deactivated';
                        setNotice(t(notice, { name: saved.name }));
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <NewAgentForm
            departments={state.data.departments}
            onCreated={(agent) => {
              update((data) => ({ ...data, agents: [...data.agents, agent] }));
              setNotice(t('agents.added', { name: agent.name }));
            }}
          />
        </>
      )}
    </div>
  );
}
