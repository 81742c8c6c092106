import type { AgentSummary, Department, ErrorBody } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { useSubmit } from '../../components/useSubmit.ts';
import { adminApi } from '../api.ts';
import { FormFooter } from '../FormFooter.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { DEFAULT_CAPACITY, MIN_PASSWORD } from '../limits.ts';
import { TextField } from '../TextField.tsx';
import { AgentFields, capacityOf, type AgentDraft } from './AgentFields.tsx';

const EMPTY_DRAFT: AgentDraft = {
  name: '',
  role: 'agent',
  capacity: String(DEFAULT_CAPACITY),
  departmentIds: [],
};

interface NewAgentFormProps {
  departments: readonly Department[];
  onCreated: (agent: AgentSummary) => void;
}

export function NewAgentForm({ departments, onCreated }: NewAgentFormProps) {
  const { t } = useAdminI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [draft, setDraft] = useState<AgentDraft>(EMPTY_DRAFT);
  const { submitting, failure, submit } = useSubmit<ErrorBody>(async () => {
    const result = await adminApi.createAgent({
      email: email.trim(),
      name: draft.name.trim(),
      role: draft.role,
      password,
      capacity: capacityOf(draft),
      departmentIds: draft.departmentIds,
    });
    if (!result.ok) return result.error;
    // Clear the form, the password above all, so it is not left on screen.
    setEmail('');
    setPassword('');
    setDraft(EMPTY_DRAFT);
    onCreated(result.data);
    return null;
  });

  return (
    <section class="admin-card" aria-labelledby="new-agent-heading">
      <h3 id="new-agent-heading">{t('agents.addHeading')}</h3>
      {/* noValidate: the server's messages are the ones shown, in one place. */}
      <form class="admin-form" data-part="new-agent" aria-labelledby="new-agent-heading" onSubmit={submit} noValidate>
        <TextField label={t('agents.fieldEmail')} name="email" type="email" autoComplete="off" required value={email} onValue={setEmail} />
        <AgentFields draft={draft} departments={departments} onChange={setDraft} />
        <TextField
          label={t('agents.fieldPassword')}
          hint={t('agents.passwordHint', { min: MIN_PASSWORD })}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD}
          value={password}
          onValue={setPassword}
        />
        <FormFooter error={failure} submitting={submitting} label={t('agents.add')} busyLabel={t('agents.adding')} />
      </form>
    </section>
  );
}
