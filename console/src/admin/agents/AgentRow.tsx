import type { AgentSummary, Department } from '@mostrador/shared';
import { useEffect, useRef } from 'preact/hooks';
import { useAdminI18n, type AdminMessageKey } from '../i18n/index.ts';
import { AgentFace } from '../../components/AgentFace.tsx';
import { PictureSection } from '../../account/PictureSection.tsx';
import { AgentAccess } from './AgentAccess.tsx';
import { AgentEditForm } from './AgentEditForm.tsx';

const STATUS_LABELS: Record<AgentSummary['status'], AdminMessageKey> = {
  online: 'agents.statusOnline',
  away: 'agents.statusAway',
  offline: 'agents.statusOffline',
};

/** Columns in the table, so the edit row can span all of them. */
export const AGENT_COLUMNS = 7;

interface AgentRowProps {
  agent: AgentSummary;
  departments: readonly Department[];
  editing: boolean;
  onEdit: () => void;
  onSaved: (agent: AgentSummary) => void;
  onCancel: () => void;
  /** The agent's picture was set or removed: the row shows it, the form stays open. */
  onPictureChanged: (agent: AgentSummary) => void;
}

export function AgentRow({ agent, departments, editing, onEdit, onSaved, onCancel, onPictureChanged }: AgentRowProps) {
  const { t, language } = useAdminI18n();
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);
  const nameId = `agent-name-${agent.id}`;
  const formRowId = `agent-edit-${agent.id}`;

  // Closing the form (saved or cancelled) hands focus back to the button that opened it.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const names = departments.filter((department) => agent.departmentIds.includes(department.id)).map((department) => department.name);

  return (
    <>
      <tr data-part="agent-row" data-agent-id={agent.id}>
        <th scope="row" id={nameId}>
          <span class="agent-name">
            {/* Initials would only repeat the name written beside them: a face only for a picture. */}
            {agent.picture && <AgentFace name={agent.name} picture={agent.picture} />}
            {agent.name}
          </span>
        </th>
        <td>{agent.email}</td>
        <td>{agent.role === 'admin' ? t('agents.roleAdmin') : t('agents.roleAgent')}</td>
        <td>
          {agent.active ? (
            <span class={`presence ${agent.status}`}>{t(STATUS_LABELS[agent.status])}</span>
          ) : (
            <span class="presence deactivated">{t('agents.statusDeactivated')}</span>
          )}
        </td>
        <td class="numeric">
          {/* A ticket counts a fraction of a chat, so the load may be 1.5: written as the language writes it. */}
          {t('agents.load', { load: new Intl.NumberFormat(language).format(agent.load), capacity: agent.capacity })}
        </td>
        <td>{names.length > 0 ? names.join(', ') : <span class="muted">{t('agents.noDepartments')}</span>}</td>
        <td>
          <button
            ref={editButton}
            type="button"
            class="button"
            data-part="edit-agent-button"
            aria-expanded={editing}
            aria-controls={editing ? formRowId : undefined}
            aria-describedby={nameId}
            onClick={editing ? onCancel : onEdit}
          >
            {t('common.edit')}
          </button>
        </td>
      </tr>
      {editing && (
        <tr class="edit-row" id={formRowId}>
          <td colSpan={AGENT_COLUMNS}>
            <AgentEditForm agent={agent} departments={departments} onSaved={onSaved} onCancel={onCancel} />
            <AgentAccess agent={agent} onSaved={onSaved} />
            <PictureSection
              name={agent.name}
              picture={agent.picture}
              path={`/api/admin/agents/${encodeURIComponent(agent.id)}/picture`}
              heading={{ key: 'account.pictureOfAgent', name: agent.name }}
              onChanged={(picture) => onPictureChanged({ ...agent, picture })}
            />
          </td>
        </tr>
      )}
    </>
  );
}
