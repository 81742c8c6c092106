import type { AgentSummary, Department, ErrorBody } from '@mostrador/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { adminApi, type AgentChanges } from '../api.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { Field } from '../Field.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { MIN_PASSWORD } from '../limits.ts';
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
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = `edit-agent-${agent.id}`;

  // Opening the form moves focus into it, so keyboard users land where they asked to go.
  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(null);
    const changes: AgentChanges = {
      name: draft.name.trim(),
      role: draft.role,
      capacity: capacityOf(draft),
      departmentIds: draft.departmentIds,
    };
    // An empty field means "keep the current password", so it is left out of the body.
    if (password !== '') changes.password = password;
    const result = await adminApi.updateAgent(agent.id, changes);
    setSaving(false);
    if (result.ok) onSaved(result.data);
    else setError(result.error);
  }

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
      <Field label={t('agents.fieldNewPassword')} hint={t('agents.newPasswordHint', { min: MIN_PASSWORD })}>
        {({ id, hintId }) => (
          <input
            id={id}
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD}
            aria-describedby={hintId}
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        )}
      </Field>
      <ErrorAlert error={error} />
      <div class="form-actions">
        <button type="submit" class="button primary" disabled={saving}>
          {saving ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
