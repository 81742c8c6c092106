import type { AgentSummary, AgentUpdateInput, Department, ErrorBody } from '@mostrador/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useSubmit } from '../../components/useSubmit.ts';
import { adminApi } from '../api.ts';
import { FormFooter } from '../FormFooter.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { MIN_PASSWORD } from '../limits.ts';
import { TextField } from '../TextField.tsx';
import { AgentFields, capacityOf, type AgentDraft } from './AgentFields.tsx';

interface AgentEditFormProps {
  agent: AgentSummary;
  departments: readonly Department[];
  onSaved: (agent: AgentSummary) => void;
  onCancel: () => void;
}

export function AgentEditForm({ agent, departments, onSaved, onCancel }: AgentEditFormProps) {
  const { t } = useAdminI18n();
  const [draft, setDraft] = useState<AgentDraft>(() => ({
    name: agent.name,
    role: agent.role,
    capacity: String(agent.capacity),
    departmentIds: agent.departmentIds,
  }));
  const [password, setPassword] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = `edit-agent-${agent.id}`;
  const { submitting, failure, submit } = useSubmit<ErrorBody>(async () => {
    const changes: AgentUpdateInput = {
      name: draft.name.trim(),
      role: draft.role,
      capacity: capacityOf(draft),
      departmentIds: draft.departmentIds,
    };
    // An empty field means "keep the current password", so it is left out of the body.
    if (password !== '') changes.password = password;
    const result = await adminApi.updateAgent(agent.id, changes);
    if (!result.ok) return result.error;
    onSaved(result.data);
    return null;
  });

  // Opening the form moves focus into it, so keyboard users land where they asked to go.
  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
  }, []);

  return (
    <form
      ref={formRef}
      class="admin-form inline-form"
      data-part="edit-agent"
      data-agent-id={agent.id}
      aria-labelledby={headingId}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
      noValidate
    >
      <h4 id={headingId}>{t('agents.editHeading', { name: agent.name })}</h4>
      <AgentFields draft={draft} departments={departments} onChange={setDraft} />
      <TextField
        label={t('agents.fieldNewPassword')}
        hint={t('agents.newPasswordHint', { min: MIN_PASSWORD })}
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={MIN_PASSWORD}
        value={password}
        onValue={setPassword}
      />
      <FormFooter error={failure} submitting={submitting} label={t('common.save')} busyLabel={t('common.saving')}>
        <button type="button" class="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </FormFooter>
    </form>
  );
}
