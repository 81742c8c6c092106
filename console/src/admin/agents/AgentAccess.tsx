import type { AgentSummary, ErrorBody } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { Dialog } from '../../components/Dialog.tsx';
import { adminApi } from '../api.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { useAdminI18n } from '../i18n/index.ts';

interface AgentAccessProps {
  agent: AgentSummary;
  onSaved: (agent: AgentSummary) => void;
}

/**
 * Deactivation, below the edit form (not inside it: the confirmation is a
 * form of its own). Deactivating signs the agent out everywhere and requeues
 * their chats, so it asks first; reactivating only lets them sign in again.
 */
export function AgentAccess({ agent, onSaved }: AgentAccessProps) {
  const { t } = useAdminI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const headingId = `agent-access-${agent.id}`;

  async function setActive(active: boolean) {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await adminApi.updateAgent(agent.id, { active });
    setBusy(false);
    setConfirming(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onSaved(result.data);
  }

  return (
    <section class="agent-access" data-part="agent-access" aria-labelledby={headingId}>
      <h5 id={headingId}>{t('agents.accessHeading')}</h5>
      <p class="admin-note">
        {agent.active ? t('agents.deactivateHint', { name: agent.name }) : t('agents.reactivateHint', { name: agent.name })}
      </p>
      <ErrorAlert error={error} />
      {agent.active ? (
        <button type="button" class="button danger" data-part="deactivate-agent" onClick={() => setConfirming(true)}>
          {t('agents.deactivate')}
        </button>
      ) : (
        <button type="button" class="button" data-part="reactivate-agent" aria-disabled={busy} onClick={() => void setActive(true)}>
          {t('agents.reactivate')}
        </button>
      )}
      {confirming && (
        <Dialog
          title={t('agents.deactivateTitle', { name: agent.name })}
          part="deactivate-dialog"
          submitLabel={t('agents.deactivate')}
          canSubmit={!busy}
          onSubmit={() => void setActive(false)}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('agents.deactivateWarning', { name: agent.name })}</p>
        </Dialog>
      )}
    </section>
  );
}
