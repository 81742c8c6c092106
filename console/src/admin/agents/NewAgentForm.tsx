import type { AgentSummary, Department, ErrorBody } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { Field } from '../Field.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { DEFAULT_CAPACITY, MIN_PASSWORD } from '../limits.ts';
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
  const [error, setError] = useState<ErrorBody | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setError(null);
    const result = await adminApi.createAgent({
      email: email.trim(),
      name: draft.name.trim(),
      role: draft.role,
      password,
      capacity: capacityOf(draft),
      departmentIds: draft.departmentIds,
    });
    setSubmitting(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    // Clear the form, the password above all, so it is not left on screen.
    setEmail('');
    setPassword('');
    setDraft(EMPTY_DRAFT);
    onCreated(result.data);
  }

  return (
    <section class="admin-card" aria-labelledby="new-agent-heading">
      <h3 id="new-agent-heading">{t('agents.addHeading')}</h3>
      {/* noValidate: the server's messages are the ones shown, in one place. */}
      <form
        class="admin-form"
        data-part="new-agent"
        aria-labelledby="new-agent-heading"
        onSubmit={submit}
        noValidate
      >
        <Field label={t('agents.fieldEmail')}>
          {({ id }) => (
            <input
              id={id}
              name="email"
              type="email"
              autoComplete="off"
              required
              value={email}
              onInput={(event) => setEmail(event.currentTarget.value)}
            />
          )}
        </Field>
        <AgentFields draft={draft} departments={departments} onChange={setDraft} />
        <Field label={t('agents.fieldPassword')} hint={t('agents.passwordHint', { min: MIN_PASSWORD })}>
          {({ id, hintId }) => (
            <input
              id={id}
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD}
              aria-describedby={hintId}
              value={password}
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
          )}
        </Field>
        <ErrorAlert error={error} />
        <div class="form-actions">
          <button type="submit" class="button primary" disabled={submitting}>
            {submitting ? t('agents.adding') : t('agents.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
